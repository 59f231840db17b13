import { buildActions, type Action } from '../model/actions.js';
import { ACTIVE, BACKUP, DEACTIVATED, MOVING, QUIESCING, WAITING } from '../model/codes.js';
import { Layout } from '../model/layout.js';
import { DvipaModel } from '../model/model.js';
import type { Description } from '../model/rules.js';
import { PromelaPrinter } from './lower-promela.js';
import { PromelaDist } from './promela-dist.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { cpcAllowed } from '../../properties/present.js';
import { selectProperties } from '../check/select.js';

/**
 * Writes the transition system dvipa-verify explores for a spec as a Promela model: one process,
 * one d_step per event instance (and per tie choice), variables exactly the packed state (D-01),
 * so SPIN stores one state per model state. Built-in properties become assertions.
 */
export function exportPromela(cfg: Config, only?: readonly string[] | null, skip?: readonly string[] | null): string {
  return new PromelaWriter(cfg, selectProperties(BUILTIN_PROPERTIES, cfg, only, skip).map((p) => p.name)).write();
}

class PromelaWriter {
  private readonly L: Layout;
  private readonly S: number;
  private readonly actions: Action[];
  private readonly init: Uint8Array;
  private readonly rules: Description;
  private readonly vars: { name: string; offset: number; comment: string }[] = [];
  private readonly varAt = new Map<number, string>();
  /** VIPARANGE DVIPAs exist (issue 18): app-start can move DVIPAs and drop connections. */
  private readonly ranged: boolean;
  private readonly dist: PromelaDist;

  constructor(private readonly cfg: Config, private readonly props: readonly string[]) {
    this.L = new Layout(cfg);
    this.S = this.L.nStacks;
    this.ranged = this.L.dvipas.some((d) => d.kind === 'range');
    this.actions = buildActions(cfg, this.L);
    const model = new DvipaModel(cfg, false, false, false);
    this.rules = model.description;
    this.init = model.initialStates()[0]!;
    const add = (offset: number, name: string, comment: string): void => { this.vars.push({ name, offset, comment }); this.varAt.set(offset, name); };
    cfg.stacks.forEach((st, i) => {
      add(i, `st${i}`, `${st.name}: 0 down, 1 up, 2 joined`);
      add(this.S + i, `rt${i}`, `${st.name}: OMPROUTE up (1)${st.routing === 'static' ? ' (static routing: always 1)' : ''}`);
      add(2 * this.S + i, `out${i}`, `${st.name}: out of group: 0 no, 1 LEAVEGROUP, 2 RECOVERY, 3 NOJOIN`);
      st.applications.forEach((a, k) => add(this.L.appOffset[i]! + k, `app${i}_${k}`, `${st.name} application ${a.name} (port ${a.port}) up${this.L.dvipas.some((d) => d.kind === 'range' && d.address === a.bind) ? ' (2: up, bind failed)' : ''}`));
    });
    for (const d of this.L.dvipas) for (const i of d.stacks) add(this.L.statusOffset[d.index * this.S + i]!, `ds${d.index}_${i}`, `${d.address} on ${cfg.stacks[i]!.name}: 0 Inactive 1 Backup 2 Backup(WHENIDLE waiting) 3 Active 4 Moving 5 Quiescing 6 Deactivated`);
    cfg.clients.forEach((c, ci) => { for (let i = 0; i < this.S; i++) { const o = this.L.connOffset[ci * this.S + i]!; if (o >= 0) add(o, `cn${ci}_${i}`, `connections of client '${c.name}' on ${cfg.stacks[i]!.name}`); } });
    // Sysplex distributor (SEMANTICS §13): quiesced targets, inherited definitions, HOTSTANDBY active targets.
    cfg.stacks.forEach((st, i) => { const o = this.L.dist.quiesced[i]!; if (o >= 0) add(o, `q${i}`, `${st.name}: quiesced as a target (1)`); });
    this.L.dvipas.forEach((d) => { const o = this.L.dist.inherited[d.index]!; if (o >= 0) add(o, `inh${d.index}`, `${d.address}: stack whose VIPADISTRIBUTE is inherited + 1 (0 none)`); });
    this.L.dist.hot.forEach((h, k) => add(h.offset, `act${k}`, `${this.L.dvipas[h.dvipa]!.address}:${h.port}: HOTSTANDBY active target + 1 (0 none)`));
    if (this.L.failuresOffset >= 0) add(this.L.failuresOffset, 'fails', 'failures so far');
    this.dist = new PromelaDist(cfg, this.L, (o) => this.varAt.get(o)!);
    this.vars.sort((a, b) => a.offset - b.offset);
  }

  // ---- names (used by the assertions) ----
  private st = (i: number): string => `st${i}`;
  private rt = (i: number): string => `rt${i}`;
  private app = (i: number, k: number): string => `app${i}_${k}`;
  private ds = (d: number, i: number): string => `ds${d}_${i}`;
  private cn = (c: number, i: number): string => `cn${c}_${i}`;
  private dv = (d: number) => this.L.dvipas[d]!;
  private conns(d: number, i: number): string {
    const cs = this.dv(d).clients;
    return cs.length === 0 ? '0' : `(${cs.map((c) => this.cn(c, i)).join(' + ')})`;
  }
  private appServes(i: number, port: number, address: string): string {
    const apps = this.cfg.stacks[i]!.applications.flatMap((a, k) => (a.port === port && (a.bind === null || a.bind === address) ? [`${this.app(i, k)} == 1`] : []));
    return apps.length ? `(${apps.join(' || ')})` : '0';
  }
  /** The takeover property's chain of d without the holder h: VIPADEFINE stacks, then ranks high to low (D-25, D-27). */
  private groups(d: number, h: number): number[][] {
    const info = this.dv(d);
    const cpc = this.cfg.stacks[h]!.cpc;
    const cands = info.stacks.filter((j) => j !== h && (!info.cpcScoped || this.cfg.stacks[j]!.cpc === cpc));
    const key = (j: number): number => (info.defs[j]!.kind === 'define' ? 1000 : info.defs[j]!.rank);
    const keys = [...new Set(cands.map(key))].sort((a, b) => b - a);
    return keys.map((k) => cands.filter((j) => key(j) === k));
  }
  private cand(d: number, j: number): string {
    const s = this.ds(d, j);
    return `(${this.st(j)} == 2 && (${s} == ${BACKUP} || ${s} == ${WAITING} || ${s} == ${MOVING} || ${s} == ${ACTIVE}))`;
  }
  private anyCand(d: number, g: number[]): string { return `(${g.map((j) => this.cand(d, j)).join(' || ')})`; }

  // ---- properties ----
  private b = (v: string): string => `b_${v}`;
  private stateAsserts(): string[] {
    const out: string[] = [];
    const has = (p: string): boolean => this.props.includes(p);
    for (const d of this.L.dvipas) {
      const actives = d.stacks.map((j) => `(${this.ds(d.index, j)} == ${ACTIVE} -> 1 : 0)`).join(' + ');
      if (has('single-owner') && d.stacks.length > 1) out.push(`single_owner = (${actives} <= 1); assert(single_owner);`);
      if (has('no-black-hole')) for (const j of d.stacks) if (this.cfg.stacks[j]!.routing === 'omproute') out.push(`no_black_hole = !(${this.ds(d.index, j)} == ${ACTIVE} && ${this.rt(j)} == 0); assert(no_black_hole);`);
      if (has('present') && d.kind === 'range') { // SEMANTICS §9, §11: Active nowhere while a binding application is up on a joined stack
        const up = d.stacks.flatMap((j) => d.range!.binders[j]!.map((k) => `(${this.st(j)} == 2 && ${this.app(j, k)} != 0)`));
        out.push(`present = !(${d.stacks.map((j) => `${this.ds(d.index, j)} != ${ACTIVE}`).join(' && ')} && (${up.join(' || ')})); assert(present);`);
      } else if (has('present')) { // SEMANTICS §9: Active nowhere while a joined stack could own it
        const owners = d.stacks.filter(cpcAllowed(d, this.cfg)).map((j) => `(${this.st(j)} == 2 && ${this.ds(d.index, j)} != ${DEACTIVATED} && ${this.ds(d.index, j)} != ${QUIESCING})`);
        if (owners.length) out.push(`present = !(${d.stacks.map((j) => `${this.ds(d.index, j)} != ${ACTIVE}`).join(' && ')} && (${owners.join(' || ')})); assert(present);`);
      }
      if (has('takeback') && d.kind !== 'range') {
        for (const v of d.stacks) {
          const def = d.defs[v]!;
          if (def.kind !== 'define') continue;
          const s = this.ds(d.index, v);
          const all = d.dist ? `(${d.connStacks.map((o) => this.conns(d.index, o)).join(' + ')})` : null; // D-113: the whole routing table
          const exempt = def.moveable === 'WHENIDLE' ? ` || (${d.stacks.map((o) => `(${this.ds(d.index, o)} == ${ACTIVE} && ${all ?? this.conns(d.index, o)} > 0)`).join(' || ')})` : '';
          out.push(`takeback = !(${this.st(v)} == 2 && ${s} != ${QUIESCING} && ${s} != ${DEACTIVATED} && ${s} != ${ACTIVE})${exempt}; assert(takeback);`);
        }
      }
    }
    if (has('service-available')) {
      this.cfg.clients.forEach((c, ci) => {
        const d = this.L.clientDvipa[ci]!;
        if (this.dv(d).dist) { out.push(...this.dist.serviceAvailable(ci)); return; }
        for (const j of this.dv(d).stacks) out.push(`service_available = !(${this.ds(d, j)} == ${ACTIVE}) || ${this.appServes(j, c.port, c.dvipa)}; assert(service_available);`);
      });
    }
    return out;
  }
  private stepAsserts(a: Action): string[] {
    const out: string[] = [];
    const has = (p: string): boolean => this.props.includes(p);
    const i = a.stack;
    const departing = ['terminate', 'leavegroup', 'routing-stop', 'deactivate'].includes(a.kind);
    for (const d of this.L.dvipas) {
      const D = d.index;
      if (has('available') && departing && d.kind !== 'range') out.push(`available = !(${d.stacks.map((j) => `${this.b(this.ds(D, j))} == ${ACTIVE}`).join(' || ')}) || (${d.stacks.map((j) => `${this.ds(D, j)} == ${ACTIVE}`).join(' || ')}); assert(available);`);
      if (has('routing-ready') && a.kind !== 'connect' && (a.kind !== 'app-start' || this.ranged)) {
        for (const j of d.stacks) if (this.cfg.stacks[j]!.routing === 'omproute') out.push(`routing_ready = !(${this.ds(D, j)} == ${ACTIVE} && ${this.b(this.ds(D, j))} != ${ACTIVE} && ${this.rt(j)} == 0); assert(routing_ready);`);
      }
      if (has('takeover') && departing && d.kind !== 'range') {
        for (const h of d.stacks) {
          const s = this.ds(D, h);
          const departs = `(${this.b(s)} == ${ACTIVE} && ${s} != ${ACTIVE} && !(${this.st(h)} == 2 && ${s} != ${DEACTIVATED} && ${s} != ${QUIESCING}))`;
          const gs = this.groups(D, h);
          const inFirst = gs.flatMap((g, gi) => g.map((j) => `(${this.ds(D, j)} == ${ACTIVE} && ${this.cand(D, j)}${gs.slice(0, gi).map((x) => ` && !${this.anyCand(D, x)}`).join('')})`));
          const none = gs.length ? `!(${gs.map((g) => this.anyCand(D, g)).join(' || ')})` : '1';
          out.push(`takeover = !${departs} || ${none}${inFirst.length ? ` || ${inFirst.join(' || ')}` : ''}; assert(takeover);`);
        }
      }
    }
    if (has('hot-standby')) out.push(...this.dist.hotStandby(a));
    if (has('connections-preserved') && a.kind !== 'connect' && (a.kind !== 'app-start' || this.ranged)) {
      this.cfg.clients.forEach((c, ci) => {
        for (let j = 0; j < this.S; j++) {
          if (this.L.connOffset[ci * this.S + j]! < 0) continue;
          let allowed = `(${this.b(this.st(j))} == 2 && ${this.st(j)} != 2)`;
          if (j === i && ((a.kind === 'close' && a.client === ci) || a.kind === 'terminate')) allowed = '1';
          if (j === i && a.kind === 'app-stop') {
            const app = this.cfg.stacks[i]!.applications[a.app]!;
            if (app.port === c.port && (app.bind === null || app.bind === c.dvipa)) allowed = '1';
          }
          if (allowed !== '1') out.push(`connections_preserved = ${this.cn(ci, j)} >= ${this.b(this.cn(ci, j))} || ${allowed}; assert(connections_preserved);`);
        }
      });
    }
    return out;
  }

  write(): string {
    const cfg = this.cfg;
    const out: string[] = [];
    const stepVars = this.vars.map((v) => v.name);
    out.push(
      `/* dvipa-verify: the transition system of ${cfg.file} (sysplex ${cfg.sysplex}) as a Promela model.`,
      ' * Same events in the same order, same state identity (DETAILS D-01): one process, one d_step per',
      ' * event instance (and per tie choice), so SPIN stores one state per dvipa-verify state.',
      ` * Properties as assertions: ${this.props.join(', ') || 'none'} (user property modules are not exported).`,
      ' *',
      ' * Run:',
      ' *   spin -a model.pml && cc -O2 -DNOREDUCE -DNOFAIR -o pan pan.c',
      ' *   ./pan -m10000000 -c0 -e                 exhaustive, every assertion violation reported',
      ' *   cc -O2 -DNOREDUCE -DHC4 -o pan pan.c     hash-compact: about 4 bytes of state per stored state',
      ' *   cc -O2 -DNOREDUCE -DBITSTATE -o pan pan.c && ./pan -w33   bitstate (supertrace), 2^33 bits',
      ' *   swarm: spin -a model.pml; then run many ./pan -RS<seed> -k3 -w30 ... jobs across a cluster and',
      ' *          collect the "assertion violated" lines and their .trail files (spin -t -p model.pml)',
      ' * State counts: SPIN "states stored" = dvipa-verify states; SPIN transitions = ours + 2 (the',
      ' * initial state and a one-off check of the start state invariants).',
      ' *',
      ' * Assertions (each names its property: "assertion violated takeover"):',
      ...this.props.map((p) => ` *   ${p.replace(/-/g, '_')}: ${BUILTIN_PROPERTIES.find((x) => x.name === p)!.description}`),
      ' * over the DVIPA definitions they come from:',
      ...this.L.dvipas.flatMap((d) => d.stacks.map((i) => { if (d.kind === 'range') return ` *   ${d.address} on ${cfg.stacks[i]!.name}: created by ${d.range!.create[i]} under ${d.range!.range[i]?.text.replace(/\*\//g, '* /') ?? 'no VIPARANGE (binds fail)'}`; const def = d.defs[i]!; return ` *   ${d.address} on ${cfg.stacks[i]!.name}: ${def.text.replace(/\*\//g, '* /')} (${def.pos.file}:${def.pos.line})`; })),
      ' */',
      '',
    );
    for (const v of this.vars) out.push(`byte ${v.name} = ${this.init[v.offset]}; /* ${v.comment} */`);
    // Text every d_step repeats is printed once, as an inline: the copy of the state before the
    // step, the assertions (per distinct text), and the procedures of the rules (D-74).
    const printer = new PromelaPrinter((o) => this.varAt.get(o)!);
    const inlines: string[] = [`inline save() { ${stepVars.map((v) => `b_${v} = ${v};`).join(' ')} }`];
    const state = this.stateAsserts().join(' ');
    if (state) inlines.push(`inline check_state() { ${state} }`);
    // A step's assertions, property by property: one inline per distinct text (most events share them).
    const checks = new Map<string, string>();
    const check = (asserts: string[]): string[] => {
      const property = (a: string): string => a.slice(0, a.indexOf(' ')); // "takeover = ...; assert(takeover);"
      const groups: string[][] = [];
      for (const a of asserts) {
        const last = groups[groups.length - 1];
        if (last && property(last[0]!) === property(a)) last.push(a); else groups.push([a]);
      }
      return groups.map((g) => {
        const text = g.join(' ');
        let name = checks.get(text);
        if (!name) { name = `check_${property(g[0]!)}${checks.size}`; checks.set(text, name); inlines.push(`inline ${name}() { ${text} }`); }
        return `${name}();`;
      });
    };
    const steps: string[] = [];
    for (const r of this.rules.events) {
      const asserts = [...check(this.stepAsserts(r.action)), ...(state ? ['check_state();'] : [])].join(' ');
      for (const d of printer.event(r, true)) {
        steps.push(`/* ${r.action.text.replace(/\*\//g, '* /')}${d.choices > 1 ? ` (tie choice ${d.choice})` : ''} */`);
        steps.push(`:: d_step { (${d.guard}) -> save(); ${d.body} ${asserts} }`);
      }
    }
    out.push('', '/* scratch (not part of the state vector) */', `hidden byte ${[...printer.scratch].sort().join(', ')};`, 'hidden byte init_checked;');
    for (const v of stepVars) out.push(`hidden byte b_${v};`);
    out.push(`hidden byte ${['single_owner', 'takeover', 'available', 'routing_ready', 'no_black_hole', 'service_available', 'connections_preserved', 'takeback', 'present', ...(this.props.includes('hot-standby') ? ['hot_standby'] : [])].join(', ')};`);
    out.push('', '/* the procedures of the rules, the checks, the reach and size of each tie: each printed once */', ...inlines, ...printer.inlines, ...printer.defines);
    out.push('', 'active proctype sysplex() {', 'end: do');
    out.push(`:: d_step { !init_checked -> init_checked = 1; ${state ? 'check_state();' : ''} }`);
    out.push(...steps);
    out.push('od', '}', '');
    return out.join('\n');
  }
}
