import type { Path } from '../engine/model.js';
import { assumptionsOf, DIST_CHOICE } from '../model/assumptions.js';
import { Odometer, type DvipaModel } from '../model/model.js';
import type { Chooser } from '../model/lower-js.js';
import { startNote } from '../model/start-state.js';
import { bindNotes } from '../model/rules-range.js';
import { distNotes } from './dist-notes.js';
import { stepNotes } from './step-notes.js';
import type { StateJSON } from '../model/view.js';
import type { Property } from '../properties/api.js';
import { bindProperties } from '../properties/bind.js';

export interface Violation { property: string; message: string }

/** One step of a trace (SPEC §4): the event, the state after it, what it violates. */
export interface TraceStep {
  event: string;
  state: StateJSON;
  violations: Violation[];
  /** Other stacks a tie could have chosen (D-26). */
  note?: string;
  /** Assumed rules (SEMANTICS "assumed") this step applied. */
  assumed?: string[];
}

export interface Trace { steps: TraceStep[] }

/** Plays back given tie picks (0 beyond them) and notes the candidates of each tie (D-26). */
export class NotingChooser implements Chooser {
  readonly notes: string[] = [];
  private k = 0;
  constructor(private readonly model: DvipaModel, private readonly picks: readonly number[] = []) {}
  choose(d: number, cands: Int32Array, n: number, kind: number): number {
    const pick = this.picks[this.k++] ?? 0;
    // A distributor's choice of target is no tie: its step note names the eligible targets (dist-notes.ts).
    if (kind === DIST_CHOICE) return pick;
    const names = Array.from(cands.subarray(0, n), (i) => this.model.cfg.stacks[i]!.name);
    const others = names.filter((_, j) => j !== pick);
    this.notes.push(`${this.model.layout.dvipas[d]!.address}: tie between ${names.join(', ')}; ${names[pick]} taken here, ${others.join(', ')} also possible`);
    return pick;
  }
}

/** The tie picks of the `choice`-th successor of an action (the engine's enumeration order). */
export function choicePicks(model: DvipaModel, state: Uint8Array, action: number, choice: number): number[] {
  const odo = new Odometer();
  const w = new Uint8Array(state.length);
  for (let c = 0; ; c++) {
    w.set(state);
    odo.pos = 0;
    model.applyCounted(w, model.actions[action]!, odo);
    if (c === choice || !odo.advance()) return odo.vec;
  }
}

/** Evaluates every selected property on each step of a path and renders the steps as JSON. */
export function buildTrace(model: DvipaModel, path: Path, props: readonly Property[], sources?: ReadonlyMap<string, string>): Trace {
  // A trace has a few steps: the readable checks judge them (the same verdicts as the fast paths,
  // test/packed.test.ts) and the fast paths of the whole sysplex are not printed for them.
  const bound = bindProperties(model, props, sources, { packed: false });
  const view = model.view();
  const violationsOf = (before: Uint8Array | null, action: number, after: Uint8Array): Violation[] => {
    const out: Violation[] = [];
    for (const p of bound) {
      const msg = p.state ? p.state(after) : before && p.step ? p.step(before, action, after) : null;
      if (msg !== null) out.push({ property: p.name, message: msg });
    }
    return out;
  };
  let failures = 0;
  view.pathFailures = 0;
  const steps: TraceStep[] = [{ event: 'initial', state: view.at(path.init).toJSON(), violations: violationsOf(null, -1, path.init) }];
  const from = startNote(model.cfg);
  // D-137: why a VIPARANGE bind failed, in z/OS words, read from the states around the step
  const L = model.layout, cfg = model.cfg;
  const ranged = L.dvipas.some((d) => d.kind === 'range');
  const binds = (before: Uint8Array | null, after: Uint8Array): string[] =>
    (ranged ? bindNotes(cfg, L, before, after, before ? cfg.stacks.map((_, i) => before[i] !== 2 && after[i] === 2) : null) : []);
  const first = [...(from ? [from] : []), ...binds(null, path.init)];
  if (first.length) steps[0]!.note = first.join('; ');
  let prev = path.init;
  for (const s of path.steps) {
    const act = model.actions[s.action]!;
    const ch = new NotingChooser(model, choicePicks(model, prev, s.action, s.choice));
    const used = model.applyCounted(prev.slice(), act, ch); // again, to learn ties and assumptions of this step
    const assumed = assumptionsOf(used).map((a) => a.id);
    if (act.failure) failures++;
    view.pathFailures = failures;
    const step: TraceStep = { event: act.text, state: view.at(s.state).toJSON(), violations: violationsOf(prev, s.action, s.state) };
    const notes = [...ch.notes, ...binds(prev, s.state), ...distNotes(model, prev, act, s.state), ...stepNotes(model, prev, s.state)]; // VIPARANGE bind failures (D-137), sysplex distributor (SEMANTICS §10)
    if (notes.length > 0) step.note = notes.join('; ');
    if (assumed.length > 0) step.assumed = assumed;
    steps.push(step);
    prev = s.state;
  }
  return { steps };
}
