import { buildActions } from '../model/actions.js';
import { Layout } from '../model/layout.js';
import { DvipaModel, Odometer } from '../model/model.js';
import type { Config } from '../spec/config.js';

/** One step of a path: the action index and which of its successors (tie combination, D-02). */
export interface Edge { readonly action: number; readonly choice: number }

/** An odometer that also records which DVIPA each choice point is for. */
class NamedOdometer extends Odometer {
  readonly dvipa: number[] = [];
  override choose(d: number, c: Int32Array, n: number): number {
    this.dvipa[this.pos] = d;
    return super.choose(d, c, n);
  }
}

/**
 * Visits the successors of an enabled action in the engine's order (choice 0, 1, ...), each with
 * the tie pick per DVIPA (its index in the model's layout); stops when visit returns true.
 */
function eachSuccessor(model: DvipaModel, state: Uint8Array, action: number,
  visit: (next: Uint8Array, choice: number, picks: ReadonlyMap<number, number>) => boolean): void {
  const odo = new NamedOdometer();
  const w = new Uint8Array(state.length);
  let choice = 0;
  do {
    w.set(state);
    odo.pos = 0;
    model.applyCounted(w, model.actions[action]!, odo);
    const picks = new Map<number, number>();
    odo.vec.forEach((pick, k) => picks.set(odo.dvipa[k]!, pick));
    if (visit(w, choice++, picks)) return;
  } while (odo.advance());
}

/** One step of a slice's path: its action in the slice and the tie pick per DVIPA of the slice (layout index). */
export interface SliceStep { readonly action: number; readonly picks: ReadonlyMap<number, number> }

/** The steps of a slice's path, replayed on the slice. */
export function sliceSteps(sliceCfg: Config, edges: readonly Edge[]): SliceStep[] {
  const sm = new DvipaModel(sliceCfg, false, false, false);
  let s = sm.initialStates()[0]!.slice();
  return edges.map((e) => {
    let picks: ReadonlyMap<number, number> = new Map();
    eachSuccessor(sm, s, e.action, (next, c, p) => { if (c !== e.choice) return false; s = next.slice(); picks = p; return true; });
    return { action: e.action, picks };
  });
}

/** Per full model: its events by text and its initial state (a site's many slices map paths onto it). */
const fullIndex = new WeakMap<DvipaModel, { byText: ReadonlyMap<string, number>; init: Uint8Array }>();

/**
 * A path of a slice as a path of the full model: the same events (by their text, SPEC §3), each
 * tie resolved as in the slice for the slice's DVIPAs and by the first candidate (pick 0) for
 * every other DVIPA. Among the full paths with this projection it is the first in the engine's
 * order, so comparing such paths with lexLess compares them as the full model's BFS would.
 * `steps` may come from another slice whose configuration has the same ordered key (slice.ts):
 * the same actions and DVIPAs by position, so only the names are this slice's.
 */
export function fullEdgesOf(full: DvipaModel, sliceCfg: Config, steps: readonly SliceStep[]): Edge[] {
  let known = fullIndex.get(full);
  if (!known) fullIndex.set(full, (known = { byText: new Map(full.actions.map((a) => [a.text, a.index] as const)), init: full.initialStates()[0]! }));
  const L = new Layout(sliceCfg);
  const actions = buildActions(sliceCfg, L);
  let f = known.init.slice();
  return steps.map((st) => {
    const text = actions[st.action]!.text;
    const want = new Map([...st.picks].map(([d, pick]) => [L.dvipas[d]!.address, pick] as const));
    const action = known.byText.get(text);
    if (action === undefined || full.disabledCode(f, full.actions[action]!) !== 0) {
      throw new Error(`internal error: slice event '${text}' is not an enabled event of the full model`);
    }
    let choice = -1;
    eachSuccessor(full, f, action, (next, c, picks) => {
      for (const [d, pick] of picks) if (pick !== (want.get(full.layout.dvipas[d]!.address) ?? 0)) return false;
      choice = c; f = next.slice(); return true;
    });
    if (choice < 0) throw new Error(`internal error: no successor of '${text}' on the full model matches the slice's tie picks`);
    return { action, choice };
  });
}

/** A path of a slice (its own edges) as a path of the full model (fullEdgesOf). */
export function fullEdges(full: DvipaModel, sliceCfg: Config, edges: readonly Edge[]): Edge[] {
  return fullEdgesOf(full, sliceCfg, sliceSteps(sliceCfg, edges));
}

/** a before b in the engine's order of paths of one length (BFS visits them in this order). */
export function lexLess(a: readonly Edge[], b: readonly Edge[]): boolean {
  for (let k = 0; k < a.length; k++) {
    if (a[k]!.action !== b[k]!.action) return a[k]!.action < b[k]!.action;
    if (a[k]!.choice !== b[k]!.choice) return a[k]!.choice < b[k]!.choice;
  }
  return false;
}
