import type { PackedModel } from '../engine/model.js';
import type { Config } from '../spec/config.js';
import { buildActions, type Action } from './actions.js';
import { compileExpand, type Expand } from './compile.js';
import { Layout } from './layout.js';
import { Rules, type Chooser } from './rules.js';
import { StateView } from './view.js';
import { Symmetry } from './symmetry.js';
import { netstatInitial } from './start-state.js';

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

/** The DVIPA transition system of one spec, as the engine explores it. */
export class DvipaModel implements PackedModel {
  readonly layout: Layout;
  readonly rules: Rules;
  readonly actions: readonly Action[];
  readonly stateBytes: number;
  readonly actionCount: number;
  /** Statuses, flags and counts stay below 16 unless maxConnections or maxFailures exceed 15. */
  readonly smallFields: boolean;
  private readonly work: Uint8Array;
  private readonly odo = new Odometer();
  private readonly maxFailures: number;

  /** Set with `symmetry`: successors and initial states are stored as representatives. */
  readonly symmetry: Symmetry | null;

  /**
   * `allEvents`: every event of SPEC §3 regardless of environment.events (simulate).
   * `compiled`: give the engine `expand`, the rules compiled for this configuration (compile.ts).
   */
  constructor(readonly cfg: Config, allEvents = false, symmetry = false, compiled = true) {
    this.layout = new Layout(cfg);
    this.rules = new Rules(cfg, this.layout);
    this.actions = buildActions(cfg, this.layout, allEvents);
    this.stateBytes = this.layout.bytes;
    this.actionCount = this.actions.length;
    this.work = new Uint8Array(this.stateBytes);
    this.maxFailures = allEvents ? Infinity : cfg.environment.maxFailures ?? Infinity;
    const mf = cfg.environment.maxFailures;
    this.smallFields = !allEvents && cfg.environment.maxConnections < 16 && (mf === null || mf < 16);
    const sym = symmetry ? new Symmetry(cfg, this.layout) : null;
    this.symmetry = sym?.active ? sym : null;
    if (this.symmetry) { const s = this.symmetry; this.canonicalize = (state) => s.canon(state); }
    if (compiled && !allEvents) this.expand = compileExpand(cfg, this.layout, this.actions, new Odometer());
  }

  /** Every successor in action order, as successors() gives them (see engine/model.ts). */
  readonly expand?: Expand;

  /** Set only with symmetry (see engine/model.ts). */
  readonly canonicalize?: (state: Uint8Array) => void;

  initialStates(): readonly Uint8Array[] {
    const s = this.cfg.environment.netstat ? netstatInitial(this.cfg, this.layout) : this.rules.initial(this.cfg.environment.start);
    this.symmetry?.canon(s);
    return [s];
  }

  /** True when failures are left for a failure event (D-04). */
  private budgetAllows(state: Uint8Array, a: Action): boolean {
    return !a.failure || this.rules.failures(state) < this.maxFailures;
  }

  successors(state: Uint8Array, a: number, emit: (next: Uint8Array, choice: number) => void): void {
    const act = this.actions[a]!;
    if (this.rules.disabledCode(state, act) !== 0 || !this.budgetAllows(state, act)) return;
    const w = this.work;
    const odo = this.odo;
    odo.reset();
    let choice = 0;
    do {
      w.set(state);
      odo.pos = 0;
      this.applyCounted(w, act, odo);
      emit(w, choice++);
    } while (odo.advance());
  }

  /** Applies one event in place, counting a failure (D-04, D-05). */
  applyCounted(w: Uint8Array, act: Action, ch: Chooser): void {
    this.rules.assumed = 0;
    this.rules.apply(w, act, ch);
    const fo = this.layout.failuresOffset;
    if (act.failure && fo >= 0 && w[fo]! < 255) w[fo]!++;
  }

  view(): StateView { return new StateView(this.cfg, this.layout, this.rules); }
}
