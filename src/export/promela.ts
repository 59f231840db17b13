import type { Action } from '../model/actions.js';
import type { Expr } from '../model/ir.js';
import type { Layout } from '../model/layout.js';
import { DvipaModel } from '../model/model.js';
import type { Description } from '../model/rules.js';
import { PromelaPrinter } from './lower-promela.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { selectProperties } from '../check/select.js';
import type { EventView, Property, StepProperty } from '../properties/api.js';
import { eventViews, makeSysplex } from '../properties/bind.js';
import { fastContext, stepConditions, type FastContext } from '../properties/fast.js';

/**
 * Writes the transition system dvipa-verify explores for a spec as a Promela model: one process,
 * one d_step per event instance (and per tie choice), variables exactly the packed state (D-01),
 * so SPIN stores one state per model state. Built-in properties become assertions.
 */
export function exportPromela(cfg: Config, only?: readonly string[] | null, skip?: readonly string[] | null): string {
  return new PromelaWriter(cfg, selectProperties(BUILTIN_PROPERTIES, cfg, only, skip)).write();
}

class PromelaWriter {
  private readonly L: Layout;
  private readonly S: number;
  private readonly init: Uint8Array;
  private readonly rules: Description;
  private readonly vars: { name: string; offset: number; comment: string }[] = [];
  private readonly varAt = new Map<number, string>();

  private readonly ctx: FastContext;
  private readonly steps: { p: StepProperty; per: (e: EventView, a: number) => readonly Expr[] }[];

  constructor(private readonly cfg: Config, private readonly props: readonly Property[]) {
    const model = new DvipaModel(cfg, false, false, false);
    this.L = model.layout;
    this.S = this.L.nStacks;
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
    this.ctx = fastContext(this.L, makeSysplex(cfg, model), eventViews(model), this.rules);
    this.steps = props.flatMap((p) => (p.kind === 'step' && p.fast ? [{ p, per: p.fast(this.ctx) }] : []));
    this.vars.sort((a, b) => a.offset - b.offset);
  }

  /**
   * The properties' fast paths (properties/*.ts `fast`, properties/fast.ts) printed as assertions,
   * one per condition, each naming its property ("assertion violated takeover"); step properties
   * per event, over the state before the step (`b_` variables) and after it.
   */
  private asserts(p: Property, conds: readonly Expr[], printer: PromelaPrinter): string[] {
    const name = p.name.replace(/-/g, '_');
    let done = this.printed.get(conds); // most step properties give every event the same list
    if (!done) this.printed.set(conds, (done = conds.map((c) => `${name} = ${printer.expr(c)}; assert(${name});`)));
    return done;
  }
  private readonly printed = new WeakMap<readonly Expr[], string[]>();
  private stateAsserts(printer: PromelaPrinter): string[] {
    return this.props.flatMap((p) => (p.kind === 'invariant' && p.fast ? this.asserts(p, p.fast(this.ctx), printer) : []));
  }
  private stepAsserts(a: Action, printer: PromelaPrinter): string[][] {
    return this.steps.flatMap(({ p, per }) => (!p.events || p.events.includes(a.kind) ? [this.asserts(p, stepConditions(this.ctx, p, per(this.ctx.events[a.index]!, a.index), a.index), printer)] : []));
  }

  write(): string {
    const cfg = this.cfg;
    const out: string[] = [];
    const stepVars = this.vars.map((v) => v.name);
    const header = [
      `/* dvipa-verify: the transition system of ${cfg.file} (sysplex ${cfg.sysplex}) as a Promela model.`,
      ' * Same events in the same order, same state identity (DETAILS D-01): one process, one d_step per',
      ' * event instance (and per tie choice), so SPIN stores one state per dvipa-verify state.',
      ` * Properties as assertions: ${this.props.map((p) => p.name).join(', ') || 'none'} (user property modules are not exported).`,
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
      ...this.props.map((p) => ` *   ${p.name.replace(/-/g, '_')}: ${p.description}`),
      ' * over the DVIPA definitions they come from:',
      ...this.L.dvipas.flatMap((d) => d.stacks.map((i) => { if (d.kind === 'range') return ` *   ${d.address} on ${cfg.stacks[i]!.name}: created by ${d.range!.create[i]} under ${d.range!.range[i]?.text.replace(/\*\//g, '* /') ?? 'no VIPARANGE (binds fail)'}`; const def = d.defs[i]!; return ` *   ${d.address} on ${cfg.stacks[i]!.name}: ${def.text.replace(/\*\//g, '* /')} (${def.pos.file}:${def.pos.line})`; })),
    ];
    // D-233: names and paths from the spec are free text (an application `a*/b`, a folder `x*`): a `*/` in them must not end the comment
    out.push(`/*${noCommentEnd(header.join('\n').slice(2))}`, ' */', '');
    for (const v of this.vars) out.push(`byte ${v.name} = ${this.init[v.offset]}; /* ${noCommentEnd(v.comment)} */`);
    // Text every d_step repeats is printed once, as an inline: the copy of the state before the
    // step, the assertions (per distinct text), and the procedures of the rules (D-74).
    const printer = new PromelaPrinter((o) => this.varAt.get(o)!);
    const inlines: string[] = [`inline save() { ${stepVars.map((v) => `b_${v} = ${v};`).join(' ')} }`];
    const state = this.stateAsserts(printer).join(' ');
    if (state) inlines.push(`inline check_state() { ${state} }`);
    // A step's assertions, property by property: one inline per distinct text (most events share them).
    const checks = new Map<string, string>();
    const check = (groups: string[][]): string[] => groups.filter((g) => g.length).map((g) => {
      const text = g.join(' ');
      let name = checks.get(text);
      if (!name) { name = `check_${g[0]!.slice(0, g[0]!.indexOf(' '))}${checks.size}`; checks.set(text, name); inlines.push(`inline ${name}() { ${text} }`); }
      return `${name}();`;
    });
    const steps: string[] = [];
    for (const r of this.rules.events) {
      const asserts = [...check(this.stepAsserts(r.action, printer)), ...(state ? ['check_state();'] : [])].join(' ');
      for (const d of printer.event(r, true)) {
        steps.push(`/* ${r.action.text.replace(/\*\//g, '* /')}${d.choices > 1 ? ` (tie choice ${d.choice})` : ''} */`);
        steps.push(`:: d_step { (${d.guard}) -> save(); ${d.body} ${asserts} }`);
      }
    }
    out.push('', '/* scratch (not part of the state vector) */', `hidden byte ${[...printer.scratch].sort().join(', ')};`, 'hidden byte init_checked;');
    for (const v of stepVars) out.push(`hidden byte b_${v};`);
    if (this.props.length) out.push(`hidden byte ${this.props.map((p) => p.name.replace(/-/g, '_')).join(', ')};`);
    out.push('', '/* the procedures of the rules, the checks, the reach and size of each tie: each printed once */', ...inlines, ...printer.inlines, ...printer.defines);
    out.push('', 'active proctype sysplex() {', 'end: do');
    out.push(`:: d_step { !init_checked -> init_checked = 1; ${state ? 'check_state();' : ''} }`);
    out.push(...steps);
    out.push('od', '}', '');
    return out.join('\n');
  }
}

/** Text inside a Promela (C) comment: every star-slash in it becomes "* /", so it cannot end the comment. */
export function noCommentEnd(text: string): string { return text.replace(/\*\//g, '* /'); }
