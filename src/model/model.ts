import type { PackedModel } from '../engine/model.js';
import type { Config } from '../spec/config.js';
import { buildActions, type Action } from './actions.js';
import { Layout } from './layout.js';
import { lowerJs, type Chooser, type Expand, type Lowered, type Odo } from './lower-js.js';
import { describe, type Description } from './rules.js';
import { StateView } from './view.js';
import { Symmetry } from './symmetry.js';

/** Enumerates every combination of tie choices of one step, in lexicographic order (D-02). */
export class Odometer implements Chooser {
  private readonly digits: number[] = [];
  private readonly arity: number[] = [];
  /** Choice points fixed so far; pos = choice points met in the current run. */
  len = 0;
  pos = 0;
  reset(): void { this.len = 0; this.pos = 0; }
  choose(_d: number, _c: Int32Array, n: number): number {
    if (this.pos < this.len) return this.digits[this.pos++]!;
    this.digits[this.len] = 0;
    this.arity[this.len++] = n;
    this.pos++;
    return 0;
  }
  /** The picks of the current run. */
  get vec(): number[] { return this.digits.slice(0, this.pos); }
  /** Moves to the next combination; false when all were taken. */
  advance(): boolean {
    let k = this.len - 1;
    while (k >= 0 && this.digits[k]! + 1 >= this.arity[k]!) k--;
    if (k < 0) return false;
    this.digits[k]!++;
    this.len = k + 1;
    return true;
  }
}

/**
 * The compiled rules of a configuration, per event set (`budget` is false for simulate's every
 * event): a model built again for the same spec (the symmetric twin of check, a trace, a replay)
 * neither describes nor prints the rules again, and its instance shares the compiled code.
 */
const compiledRules = new WeakMap<Config, Map<boolean, (odo: Odo) => Lowered>>();

/** The DVIPA transition system of one spec, as the engine explores it. */
export class DvipaModel implements PackedModel {
  readonly layout: Layout;
  /** The rules of this configuration (rules.ts), and the JavaScript printed from them. */
  private described: Description | null = null;
  private lowered: Lowered | null = null;
  readonly actions: readonly Action[];
  readonly stateBytes: number;
  readonly actionCount: number;
  /** Statuses, flags and counts stay below 16 unless maxConnections or maxFailures exceed 15. */
  readonly smallFields: boolean;
  private readonly budget: boolean;

  /** Set with `symmetry`: successors and initial states are stored as representatives. */
  readonly symmetry: Symmetry | null;

  /**
   * `allEvents`: every event of SPEC §3 regardless of environment.events (simulate).
   * `compiled`: give the engine `expand` (all events at once) besides `successors`.
   */
  constructor(readonly cfg: Config, allEvents = false, symmetry = false, compiled = true) {
    this.layout = new Layout(cfg);
    this.actions = buildActions(cfg, this.layout, allEvents);
    this.stateBytes = this.layout.bytes;
    this.actionCount = this.actions.length;
    this.budget = !allEvents;
    const mf = cfg.environment.maxFailures;
    this.smallFields = !allEvents && cfg.environment.maxConnections < 16 && (mf === null || mf < 16);
    const sym = symmetry ? new Symmetry(cfg, this.layout) : null;
    this.symmetry = sym?.active ? sym : null;
    if (this.symmetry) { const s = this.symmetry; this.canonicalize = (state) => s.canon(state); }
    if (compiled && !allEvents) this.expand = this.rules.expand;
  }

  /** The rules of this configuration, built on first use (a model may be made and never run). */
  get description(): Description { return (this.described ??= describe(this.cfg, this.layout, this.actions)); }

  /** The rules as JavaScript, printed and compiled on first use (once per configuration and event set). */
  get rules(): Lowered {
    if (this.lowered) return this.lowered;
    const byEvents = compiledRules.get(this.cfg) ?? new Map<boolean, (odo: Odo) => Lowered>();
    compiledRules.set(this.cfg, byEvents);
    let make = byEvents.get(this.budget);
    if (!make) byEvents.set(this.budget, (make = lowerJs(this.description, this.stateBytes, this.layout.nStacks, this.budget)));
    return (this.lowered = make(new Odometer()));
  }

  /** Every successor in action order, as successors() gives them (see engine/model.ts). */
  readonly expand?: Expand;

  /** Set only with symmetry (see engine/model.ts). */
  readonly canonicalize?: (state: Uint8Array) => void;

  initialStates(): readonly Uint8Array[] {
    const s = this.rules.initial();
    this.symmetry?.canon(s);
    return [s];
  }

  successors(state: Uint8Array, a: number, emit: (next: Uint8Array, choice: number) => void): void {
    this.rules.successors(state, a, emit);
  }

  /** 0 when the event is enabled (failure budget aside), else a code for check/events.ts. */
  disabledCode(state: Uint8Array, a: Action): number { return this.rules.disabled(state, a.index); }

  /** Applies one event in place, counting a failure (D-04, D-05); returns the assumptions it used (assumptions.ts). */
  applyCounted(w: Uint8Array, act: Action, ch: Chooser): number { return this.rules.apply(w, act.index, ch); }

  view(): StateView { return new StateView(this.cfg, this.layout); }
}
