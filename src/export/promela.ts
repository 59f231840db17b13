import { buildActions, type Action } from '../model/actions.js';
import { ACTIVE, BACKUP, DEACTIVATED, MOVING, QUIESCING, WAITING } from '../model/codes.js';
import { Layout } from '../model/layout.js';
import { DvipaModel } from '../model/model.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { selectProperties } from '../check/select.js';

/**
 * Writes the transition system dvipa-verify explores for a spec as a Promela model: one process,
 * one d_step per event instance (and per tie choice), variables exactly the packed state (D-01),
 * so SPIN stores one state per model state. Built-in properties become assertions.
 */
export function exportPromela(cfg: Config, only?: readonly string[] | null, skip?: readonly string[] | null): string {
  return new PromelaWriter(cfg, selectProperties(BUILTIN_PROPERTIES, cfg, only, skip).map((p) => p.name)).write();
}

const NONE = 255;

class PromelaWriter {
  private readonly L: Layout;
  private readonly S: number;
  private readonly actions: Action[];
  private readonly init: Uint8Array;
  private readonly vars: { name: string; offset: number; comment: string }[] = [];
  private readonly varAt = new Map<number, string>();

  constructor(private readonly cfg: Config, private readonly props: readonly string[]) {
    this.L = new Layout(cfg);
    this.S = this.L.nStacks;
    this.actions = buildActions(cfg, this.L);
    this.init = new DvipaModel(cfg, false, false, false).initialStates()[0]!;
    const add = (offset: number, name: string, comment: string): void => { this.vars.push({ name, offset, comment }); this.varAt.set(offset, name); };
    cfg.stacks.forEach((st, i) => {
      add(i, `st${i}`, `${st.name}: 0 down, 1 up, 2 joined`);
      add(this.S + i, `rt${i}`, `${st.name}: OMPROUTE up (1)${st.routing === 'static' ? ' (static routing: always 1)' : ''}`);
      add(2 * this.S + i, `out${i}`, `${st.name}: out of group: 0 no, 1 LEAVEGROUP, 2 RECOVERY, 3 NOJOIN`);
      st.applications.forEach((a, k) => add(this.L.appOffset[i]! + k, `app${i}_${k}`, `${st.name} application ${a.name} (port ${a.port}) up`));
    });
    for (const d of this.L.dvipas) for (const i of d.stacks) add(this.L.statusOffset[d.index * this.S + i]!, `ds${d.index}_${i}`, `${d.address} on ${cfg.stacks[i]!.name}: 0 Inactive 1 Backup 2 Backup(WHENIDLE waiting) 3 Active 4 Moving 5 Quiescing 6 Deactivated`);
    cfg.clients.forEach((c, ci) => { for (let i = 0; i < this.S; i++) { const o = this.L.connOffset[ci * this.S + i]!; if (o >= 0) add(o, `cn${ci}_${i}`, `connections of client '${c.name}' on ${cfg.stacks[i]!.name}`); } });
    if (this.L.failuresOffset >= 0) add(this.L.failuresOffset, 'fails', 'failures so far');
    this.vars.sort((a, b) => a.offset - b.offset);
  }

  // ---- names ----
  private st = (i: number): string => `st${i}`;
  private rt = (i: number): string => `rt${i}`;
  private out = (i: number): string => `out${i}`;
  private app = (i: number, k: number): string => `app${i}_${k}`;
  private ds = (d: number, i: number): string => `ds${d}_${i}`;
  private cn = (c: number, i: number): string => `cn${c}_${i}`;
  private dv = (d: number) => this.L.dvipas[d]!;
  private conns(d: number, i: number): string {
    const cs = this.dv(d).clients;
    return cs.length === 0 ? '0' : `(${cs.map((c) => this.cn(c, i)).join(' + ')})`;
  }
  private dropConns(d: number, i: number): string[] { return this.dv(d).clients.map((c) => `${this.cn(c, i)} = 0;`); }
  private ifs(branches: [string, string[]][], otherwise: string[] = ['skip']): string[] {
    if (branches.length === 0) return otherwise.filter((x) => x !== 'skip');
    return ['if', ...branches.map(([g, body]) => `:: (${g}) -> ${body.length ? body.join(' ') : 'skip'}`), `:: else -> ${otherwise.join(' ')}`, 'fi;'];
  }
  private block = (lines: string[]): string => lines.join(' ');
  private appServes(i: number, port: number, address: string): string {
    const apps = this.cfg.stacks[i]!.applications.flatMap((a, k) => (a.port === port && (a.bind === null || a.bind === address) ? [`${this.app(i, k)} == 1`] : []));
    return apps.length ? `(${apps.join(' || ')})` : '0';
  }
  private ownerInto(d: number): string[] {
    return ['h = 255;', ...this.ifs(this.dv(d).stacks.map((j) => [`${this.ds(d, j)} == ${ACTIVE}`, [`h = ${j};`]]))];
  }

  // ---- rules (mirror of model/rules.ts) ----
  private dropWaits(d: number): string[] {
    return this.dv(d).stacks.map((j) => `if :: ${this.ds(d, j)} == ${WAITING} -> ${this.ds(d, j)} = ${BACKUP} :: else -> skip fi;`);
  }
  private release(d: number, h: number, i: number): string[] {
    const xcf = this.cfg.stacks[i]!.dynamicXcf && this.cfg.stacks[h]!.dynamicXcf;
    const lines = xcf
      ? this.ifs([[`${this.conns(d, h)} > 0`, [`${this.ds(d, h)} = ${MOVING};`]]], [`${this.ds(d, h)} = ${BACKUP};`])
      : [...this.dropConns(d, h), `${this.ds(d, h)} = ${BACKUP};`];
    return [...lines, ...this.dropWaits(d)];
  }
  private takeback(d: number, i: number, h: number, moveable: string): string[] {
    const now = [`${this.ds(d, i)} = ${ACTIVE};`, ...this.release(d, h, i)];
    return moveable === 'WHENIDLE' ? this.ifs([[`${this.conns(d, h)} > 0`, [`${this.ds(d, i)} = ${WAITING};`]]], [this.block(now)]) : now;
  }
  /** Takeback from the holder in h (decided at run time). */
  private takebackDyn(d: number, i: number, moveable: string): string[] {
    return this.ifs(this.dv(d).stacks.filter((j) => j !== i).map((j) => [`h == ${j}`, this.takeback(d, i, j, moveable)]));
  }
  private join(i: number): string[] {
    const out = [`${this.st(i)} = 2;`, `${this.out(i)} = 0;`];
    this.cfg.stacks[i]!.defs.forEach((def, k) => {
      const d = this.L.defDvipa[i]![k]!;
      out.push(...this.ownerInto(d));
      if (def.kind === 'define') out.push(...this.ifs([[`h == ${NONE}`, [`${this.ds(d, i)} = ${ACTIVE};`]]], [this.block(this.takebackDyn(d, i, def.moveable ?? 'IMMEDIATE'))]));
      else if (def.moveable !== null) out.push(...this.ifs([[`h == ${NONE}`, [`${this.ds(d, i)} = ${ACTIVE};`]]], [`${this.ds(d, i)} = ${BACKUP};`]));
      else out.push(`${this.ds(d, i)} = ${BACKUP};`);
    });
    return out;
  }
  private joinCondition(i: number): string {
    const st = this.cfg.stacks[i]!;
    return st.join !== 'DELAYJOIN' || st.routing === 'static' ? '1' : `${this.rt(i)} == 1`;
  }
  /** Tier groups of d's takeover chain without the holder h: VIPADEFINE stacks, then ranks high to low (D-25, D-27). */
  private groups(d: number, h: number): number[][] {
    const info = this.dv(d);
    const cpc = this.cfg.stacks[h]!.cpc;
    const cands = info.stacks.filter((j) => j !== h && (!info.cpcScoped || this.cfg.stacks[j]!.cpc === cpc));
    const key = (j: number): number => (info.defs[j]!.kind === 'define' ? 1000 : info.defs[j]!.rank);
    const keys = [...new Set(cands.map(key))].sort((a, b) => b - a);
    return keys.map((k) => cands.filter((j) => key(j) === k));
  }
  private cand(d: number, j: number, after = false): string {
    const s = this.ds(d, j);
    return `(${this.st(j)} == 2 && (${s} == ${BACKUP} || ${s} == ${WAITING} || ${s} == ${MOVING}${after ? ` || ${s} == ${ACTIVE}` : ''}))`;
  }
  private anyCand(d: number, g: number[], after = false): string { return `(${g.map((j) => this.cand(d, j, after)).join(' || ')})`; }
  /** Size of the first non-empty tier (pre-state), as an expression. */
  private tierSize(d: number, h: number): string {
    const gs = this.groups(d, h);
    let e = '0';
    for (const g of [...gs].reverse()) e = `(${this.anyCand(d, g)} -> (${g.map((j) => `(${this.cand(d, j)} -> 1 : 0)`).join(' + ')}) : ${e})`;
    return e;
  }
  private takeover(d: number, h: number, digit: number): string[] {
    const gs = this.groups(d, h);
    const select = (g: number[]): string[] => ['n = 0;', ...g.map((j) => `if :: ${this.cand(d, j)} -> if :: n == ${digit} -> pick = ${j} :: else -> skip fi; n++ :: else -> skip fi;`)];
    let chain: string[] = [];
    for (const g of [...gs].reverse()) chain = this.ifs([[this.anyCand(d, g), select(g)]], chain.length ? [this.block(chain)] : ['skip']);
    const set = this.ifs(this.dv(d).stacks.filter((j) => j !== h).map((j) => [`pick == ${j}`, [`${this.ds(d, j)} = ${ACTIVE};`]]));
    return ['pick = 255;', ...chain, ...this.dropWaits(d), ...set];
  }
  private vacate(i: number): string[] {
    const out: string[] = [];
    for (const info of this.L.dvipas) {
      if (info.defs[i] === null) continue;
      out.push(`held${info.index} = (${this.ds(info.index, i)} == ${ACTIVE});`, `${this.ds(info.index, i)} = 0;`, ...this.dropConns(info.index, i));
    }
    return out;
  }
  private takeovers(i: number, digits: Map<number, number>): string[] {
    return this.L.dvipas.filter((x) => x.defs[i] !== null).flatMap((x) => this.ifs([[`held${x.index}`, this.takeover(x.index, i, digits.get(x.index) ?? 0)]]));
  }
  private leave(i: number, reason: number, digits: Map<number, number>): string[] {
    return [...this.vacate(i), `${this.st(i)} = 1;`, `${this.out(i)} = ${reason};`, ...this.takeovers(i, digits)];
  }
  private afterDrop(d: number, i: number): string[] {
    const waiters = this.dv(d).stacks.filter((j) => j !== i).map((j): [string, string[]] => [`${this.ds(d, j)} == ${WAITING}`, [`${this.ds(d, j)} = ${ACTIVE};`, `${this.ds(d, i)} = ${BACKUP};`, ...this.dropWaits(d)]]);
    return this.ifs([[`${this.conns(d, i)} == 0`, this.ifs([
      [`${this.ds(d, i)} == ${MOVING}`, [`${this.ds(d, i)} = ${BACKUP};`]],
      [`${this.ds(d, i)} == ${QUIESCING}`, [`${this.ds(d, i)} = ${DEACTIVATED};`]],
      [`${this.ds(d, i)} == ${ACTIVE}`, waiters.length ? this.ifs(waiters) : ['skip']],
    ])]]);
  }

  // ---- events ----
  private budget(): string {
    const m = this.cfg.environment.maxFailures;
    return m === null ? '1' : `fails < ${m}`;
  }
  private guard(a: Action): string {
    const i = a.stack;
    const b = a.failure ? ` && ${this.budget()}` : '';
    switch (a.kind) {
      case 'start': return `${this.st(i)} == 0`;
      case 'terminate': return `${this.st(i)} != 0${b}`;
      case 'routing-start': return `${this.st(i)} != 0 && ${this.rt(i)} == 0`;
      case 'routing-stop': return `${this.st(i)} != 0 && ${this.rt(i)} == 1${b}`;
      case 'leavegroup': return `${this.st(i)} == 2${b}`;
      case 'joingroup': return `${this.st(i)} == 1 && ${this.out(i)} != 0`;
      case 'deactivate': { const s = this.ds(a.dvipa, i); return `${this.st(i)} == 2 && (${s} == ${ACTIVE} || ${s} == ${BACKUP} || ${s} == ${WAITING})${b}`; }
      case 'reactivate': return `${this.ds(a.dvipa, i)} == ${DEACTIVATED}`;
      case 'app-stop': return `${this.st(i)} != 0 && ${this.app(i, a.app)} == 1${b}`;
      case 'app-start': return `${this.st(i)} != 0 && ${this.app(i, a.app)} == 0`;
      case 'connect': {
        const c = this.cfg.clients[a.client]!;
        const alts = this.dv(a.dvipa).stacks.map((j) => `(${this.ds(a.dvipa, j)} == ${ACTIVE} && ${this.st(j)} == 2 && ${this.rt(j)} == 1 && ${this.cn(a.client, j)} < ${this.cfg.environment.maxConnections} && ${this.appServes(j, c.port, c.dvipa)})`);
        return alts.length ? `(${alts.join(' || ')})` : '0';
      }
      case 'close': return `${this.cn(a.client, i)} > 0`;
    }
  }
  /** DVIPAs the event may take over (holder i departing), with possible ties. */
  private tieDvipas(a: Action): { d: number; max: number; happens: string }[] {
    const i = a.stack;
    const st = i >= 0 ? this.cfg.stacks[i]! : null;
    let ds: number[] = [];
    let cond = '1';
    if (a.kind === 'terminate' || a.kind === 'leavegroup') ds = this.L.dvipas.filter((x) => x.defs[i] !== null).map((x) => x.index);
    if (a.kind === 'routing-stop' && st!.recovery) {
      ds = this.L.dvipas.filter((x) => x.defs[i] !== null).map((x) => x.index);
      cond = `${this.st(i)} == 2 && (${this.cfg.stacks.map((_, j) => `(${this.st(j)} == 2 -> 1 : 0)`).join(' + ')}) > 1`;
    }
    if (a.kind === 'deactivate') ds = [a.dvipa];
    return ds.map((d) => ({ d, max: Math.max(1, ...this.groups(d, i).map((g) => g.length)), happens: `${cond} && ${this.ds(d, i)} == ${ACTIVE}` }))
      .filter((x) => x.max > 1);
  }
  private body(a: Action, digits: Map<number, number>): string[] {
    const i = a.stack;
    const st = i >= 0 ? this.cfg.stacks[i]! : null;
    const fail = a.failure && this.L.failuresOffset >= 0 ? ['fails++;'] : [];
    switch (a.kind) {
      case 'start': {
        const apps = st!.applications.map((_, k) => `${this.app(i, k)} = 1;`);
        const base = [`${this.st(i)} = 1;`, `${this.rt(i)} = ${st!.routing === 'static' ? 1 : 0};`, ...apps, `${this.out(i)} = ${st!.join === 'NOJOIN' ? 3 : 0};`];
        return st!.join !== 'NOJOIN' && (st!.join !== 'DELAYJOIN' || st!.routing === 'static') ? [...base, ...this.join(i)] : base;
      }
      case 'terminate':
        return [...fail, ...this.vacate(i), `${this.st(i)} = 0;`, `${this.rt(i)} = ${st!.routing === 'static' ? 1 : 0};`, `${this.out(i)} = 0;`,
          ...st!.applications.map((_, k) => `${this.app(i, k)} = 0;`), ...this.takeovers(i, digits)];
      case 'routing-start': {
        const rejoin = st!.autorejoin ? this.ifs([[`${this.st(i)} == 1 && ${this.out(i)} == 2`, [`${this.out(i)} = 0;`]]]) : [];
        return [`${this.rt(i)} = 1;`, ...rejoin, ...this.ifs([[`${this.st(i)} == 1 && ${this.out(i)} == 0`, this.join(i)]])];
      }
      case 'routing-stop': {
        if (!st!.recovery) return [...fail, `${this.rt(i)} = 0;`];
        const members = this.cfg.stacks.map((_, j) => `(${this.st(j)} == 2 -> 1 : 0)`).join(' + ');
        return [...fail, `${this.rt(i)} = 0;`, ...this.ifs([[`${this.st(i)} == 2 && (${members}) > 1`, this.leave(i, 2, digits)]])];
      }
      case 'leavegroup': return [...fail, ...this.leave(i, 1, digits)];
      case 'joingroup': return [`${this.out(i)} = 0;`, ...this.ifs([[this.joinCondition(i), this.join(i)]])];
      case 'deactivate': {
        const d = a.dvipa;
        return [...fail, ...this.ifs([[`${this.ds(d, i)} == ${ACTIVE}`, [
          ...this.ifs([[`${this.conns(d, i)} > 0`, [`${this.ds(d, i)} = ${QUIESCING};`]]], [`${this.ds(d, i)} = ${DEACTIVATED};`]),
          ...this.takeover(d, i, digits.get(d) ?? 0)]]], [`${this.ds(d, i)} = ${DEACTIVATED};`])];
      }
      case 'reactivate': {
        const d = a.dvipa;
        const def = this.dv(d).defs[i]!;
        if (def.kind !== 'define') return [`${this.ds(d, i)} = ${BACKUP};`];
        return [...this.ownerInto(d), ...this.ifs([[`h == ${NONE}`, [`${this.ds(d, i)} = ${ACTIVE};`]]], [this.block(this.takebackDyn(d, i, def.moveable ?? 'IMMEDIATE'))])];
      }
      case 'app-stop': {
        const app = st!.applications[a.app]!;
        const out = [...fail, `${this.app(i, a.app)} = 0;`];
        this.cfg.clients.forEach((c, ci) => {
          if (this.L.connOffset[ci * this.S + i]! < 0 || c.port !== app.port || (app.bind !== null && app.bind !== c.dvipa)) return;
          out.push(...this.ifs([[`${this.cn(ci, i)} > 0`, [`${this.cn(ci, i)} = 0;`, ...this.afterDrop(this.L.clientDvipa[ci]!, i)]]]));
        });
        return out;
      }
      case 'app-start': return [`${this.app(i, a.app)} = 1;`];
      case 'connect': return this.ifs(this.dv(a.dvipa).stacks.map((j) => [`${this.ds(a.dvipa, j)} == ${ACTIVE}`, [`${this.cn(a.client, j)}++;`]]));
      case 'close': return [`${this.cn(a.client, i)}--;`, ...this.afterDrop(a.dvipa, i)];
    }
  }

  // ---- properties ----
  private b = (v: string): string => `b_${v}`;
  private stateAsserts(): string[] {
    const out: string[] = [];
    const has = (p: string): boolean => this.props.includes(p);
    for (const d of this.L.dvipas) {
      const actives = d.stacks.map((j) => `(${this.ds(d.index, j)} == ${ACTIVE} -> 1 : 0)`).join(' + ');
      if (has('single-owner') && d.stacks.length > 1) out.push(`single_owner = (${actives} <= 1); assert(single_owner);`);
      if (has('no-black-hole')) for (const j of d.stacks) if (this.cfg.stacks[j]!.routing === 'omproute') out.push(`no_black_hole = !(${this.ds(d.index, j)} == ${ACTIVE} && ${this.rt(j)} == 0); assert(no_black_hole);`);
      if (has('takeback')) {
        for (const v of d.stacks) {
          const def = d.defs[v]!;
          if (def.kind !== 'define') continue;
          const s = this.ds(d.index, v);
          const exempt = def.moveable === 'WHENIDLE' ? ` || (${d.stacks.map((o) => `(${this.ds(d.index, o)} == ${ACTIVE} && ${this.conns(d.index, o)} > 0)`).join(' || ')})` : '';
          out.push(`takeback = !(${this.st(v)} == 2 && ${s} != ${QUIESCING} && ${s} != ${DEACTIVATED} && ${s} != ${ACTIVE})${exempt}; assert(takeback);`);
        }
      }
    }
    if (has('service-available')) {
      this.cfg.clients.forEach((c, ci) => {
        const d = this.L.clientDvipa[ci]!;
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
      if (has('available') && departing) out.push(`available = !(${d.stacks.map((j) => `${this.b(this.ds(D, j))} == ${ACTIVE}`).join(' || ')}) || (${d.stacks.map((j) => `${this.ds(D, j)} == ${ACTIVE}`).join(' || ')}); assert(available);`);
      if (has('routing-ready') && a.kind !== 'connect' && a.kind !== 'app-start') {
        for (const j of d.stacks) if (this.cfg.stacks[j]!.routing === 'omproute') out.push(`routing_ready = !(${this.ds(D, j)} == ${ACTIVE} && ${this.b(this.ds(D, j))} != ${ACTIVE} && ${this.rt(j)} == 0); assert(routing_ready);`);
      }
      if (has('takeover') && departing) {
        for (const h of d.stacks) {
          const s = this.ds(D, h);
          const departs = `(${this.b(s)} == ${ACTIVE} && ${s} != ${ACTIVE} && !(${this.st(h)} == 2 && ${s} != ${DEACTIVATED} && ${s} != ${QUIESCING}))`;
          const gs = this.groups(D, h);
          const inFirst = gs.flatMap((g, gi) => g.map((j) => `(${this.ds(D, j)} == ${ACTIVE} && ${this.cand(D, j, true)}${gs.slice(0, gi).map((x) => ` && !${this.anyCand(D, x, true)}`).join('')})`));
          const none = gs.length ? `!(${gs.map((g) => this.anyCand(D, g, true)).join(' || ')})` : '1';
          out.push(`takeover = !${departs} || ${none}${inFirst.length ? ` || ${inFirst.join(' || ')}` : ''}; assert(takeover);`);
        }
      }
    }
    if (has('connections-preserved') && a.kind !== 'connect' && a.kind !== 'app-start') {
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
      ...this.L.dvipas.flatMap((d) => d.stacks.map((i) => { const def = d.defs[i]!; return ` *   ${d.address} on ${cfg.stacks[i]!.name}: ${def.text.replace(/\*\//g, '* /')} (${def.pos.file}:${def.pos.line})`; })),
      ' */',
      '',
    );
    for (const v of this.vars) out.push(`byte ${v.name} = ${this.init[v.offset]}; /* ${v.comment} */`);
    out.push('', '/* scratch (not part of the state vector) */', 'hidden byte h, pick, n;', 'hidden byte init_checked;');
    for (const d of this.L.dvipas) out.push(`hidden byte held${d.index};`);
    for (const v of stepVars) out.push(`hidden byte b_${v};`);
    out.push(`hidden byte ${['single_owner', 'takeover', 'available', 'routing_ready', 'no_black_hole', 'service_available', 'connections_preserved', 'takeback'].join(', ')};`);
    const state = this.stateAsserts();
    const save = stepVars.map((v) => `b_${v} = ${v};`);
    out.push('', 'active proctype sysplex() {', 'end: do');
    out.push(`:: d_step { !init_checked -> init_checked = 1; ${state.join(' ')} }`);
    for (const a of this.actions) {
      const ties = this.tieDvipas(a);
      const total = ties.reduce((p, t) => p * t.max, 1);
      for (let k = 0; k < total; k++) {
        const digits = new Map<number, number>();
        let rest = k;
        const valid: string[] = [];
        for (const t of ties) {
          const g = rest % t.max;
          rest = Math.floor(rest / t.max);
          digits.set(t.d, g);
          if (g > 0) valid.push(`(${t.happens} && ${this.tierSize(t.d, a.stack)} > ${g})`);
        }
        const guard = [this.guard(a), ...valid].join(' && ');
        out.push(`/* ${a.text}${total > 1 ? ` (tie choice ${k})` : ''} */`);
        out.push(`:: d_step { (${guard}) -> ${save.join(' ')} ${this.body(a, digits).join(' ')} ${this.stepAsserts(a).join(' ')} ${state.join(' ')} }`);
      }
    }
    out.push('od', '}', '');
    return out.join('\n');
  }
}
