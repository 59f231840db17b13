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
 * the tie pick per DVIPA address; stops when visit returns true.
 */
function eachSuccessor(model: DvipaModel, state: Uint8Array, action: number,
  visit: (next: Uint8Array, choice: number, picks: ReadonlyMap<string, number>) => boolean): void {
  const odo = new NamedOdometer();
  const w = new Uint8Array(state.length);
  let choice = 0;
  do {
    w.set(state);
    odo.pos = 0;
    model.applyCounted(w, model.actions[action]!, odo);
    const picks = new Map<string, number>();
    const digits = odo.vec;
    digits.forEach((pick, k) => picks.set(model.layout.dvipas[odo.dvipa[k]!]!.address, pick));
    if (visit(w, choice++, picks)) return;
  } while (odo.advance());
}

/**
 * A path of a slice as a path of the full model: the same events (by their text, SPEC §3), each
 * tie resolved as in the slice for the slice's DVIPAs and by the first candidate (pick 0) for
 * every other DVIPA. Among the full paths with this projection it is the first in the engine's
 * order, so comparing such paths with lexLess compares them as the full model's BFS would.
 */
export function fullEdges(full: DvipaModel, sliceCfg: Config, edges: readonly Edge[]): Edge[] {
  const sm = new DvipaModel(sliceCfg, false, false, false);
  const index = new Map(full.actions.map((a) => [a.text, a.index] as const));
  let s = sm.initialStates()[0]!.slice();
  let f = full.initialStates()[0]!.slice();
  const out: Edge[] = [];
  for (const e of edges) {
    let want: ReadonlyMap<string, number> = new Map();
    eachSuccessor(sm, s, e.action, (next, c, picks) => { if (c !== e.choice) return false; s = next.slice(); want = picks; return true; });
    const action = index.get(sm.actions[e.action]!.text);
    if (action === undefined || full.disabledCode(f, full.actions[action]!) !== 0) {
      throw new Error(`internal error: slice event '${sm.actions[e.action]!.text}' is not an enabled event of the full model`);
    }
    let choice = -1;
    eachSuccessor(full, f, action, (next, c, picks) => {
      for (const [addr, pick] of picks) if (pick !== (want.get(addr) ?? 0)) return false;
      choice = c; f = next.slice(); return true;
    });
    if (choice < 0) throw new Error(`internal error: no successor of '${sm.actions[e.action]!.text}' on the full model matches the slice's tie picks`);
    out.push({ action, choice });
  }
  return out;
}

/** a before b in the engine's order of paths of one length (BFS visits them in this order). */
export function lexLess(a: readonly Edge[], b: readonly Edge[]): boolean {
  for (let k = 0; k < a.length; k++) {
    if (a[k]!.action !== b[k]!.action) return a[k]!.action < b[k]!.action;
    if (a[k]!.choice !== b[k]!.choice) return a[k]!.choice < b[k]!.choice;
  }
  return false;
}
