/**
 * A nondeterministic transition system over packed states (byte arrays of fixed length, a
 * multiple of 4). Every method is pure and deterministic: traces are rebuilt by replay.
 */
export interface PackedModel {
  readonly stateBytes: number;
  readonly actionCount: number;
  /** Optional: every byte of every state is below 16 (the frontier is then stored in nibbles). */
  readonly smallFields?: boolean;
  initialStates(): readonly Uint8Array[];
  /**
   * Calls emit(next, choice) once per successor of `state` under action `a` (not at all when the
   * action is disabled), choice = 0, 1, ... in a fixed order. `next` is scratch: copy to keep.
   */
  successors(state: Uint8Array, a: number, emit: (next: Uint8Array, choice: number) => void): void;
  /**
   * Optional fast path: every successor of `state`, all actions in order, exactly as calling
   * successors() for a = 0, 1, ... would give them. `next` is scratch.
   */
  expand?(state: Uint8Array, emit: (next: Uint8Array, action: number, choice: number) => void): void;
  /**
   * Optional reduction: rewrites a state in place into the representative it is stored as
   * (symmetry). Step properties see the successor before this, state properties after it.
   */
  canonicalize?(state: Uint8Array): void;
}

/** A property as the engine sees it: null = holds, a string = violated (why). */
export interface EngineProperty {
  readonly name: string;
  readonly state?: (s: Uint8Array) => string | null;
  readonly step?: (before: Uint8Array, action: number, after: Uint8Array) => string | null;
  /**
   * Optional, for a step property: indices of 32-bit words of the packed state of which at least
   * one differs between before and after whenever the step can violate it (its `changes` hint).
   * The search skips the check on a step that leaves all of them unchanged.
   */
  readonly changedWords?: readonly number[];
}

export type Termination = 'exhausted' | 'stateLimit' | 'timeout' | 'memory' | 'interrupted' | 'depthLimit';

/** A violation found: for a state property at `stateId`; for a step property, the step out of `stateId`. */
export interface Discovery {
  readonly property: string;
  readonly message: string;
  readonly stateId: number;
  readonly step: { readonly action: number; readonly choice: number } | null;
}

export interface Path {
  readonly init: Uint8Array;
  readonly initIndex: number;
  readonly steps: readonly { readonly action: number; readonly choice: number; readonly state: Uint8Array }[];
}

/** Emits every successor of a state, all actions in order: the model's expand, or successors() per action. */
export type Expander = (state: Uint8Array, emit: (next: Uint8Array, action: number, choice: number) => void) => void;

export function expander(model: PackedModel): Expander {
  if (model.expand) return model.expand.bind(model);
  return (state, emit) => {
    for (let a = 0; a < model.actionCount; a++) model.successors(state, a, (s, c) => emit(s, a, c));
  };
}

/** Replays (action, choice) pairs from an initial state; null if a step is not possible. */
export function replay(model: PackedModel, initIndex: number, edges: readonly { action: number; choice: number }[]): Path | null {
  const init = model.initialStates()[initIndex];
  if (!init) return null;
  let cur = init.slice();
  const steps: { action: number; choice: number; state: Uint8Array }[] = [];
  for (const e of edges) {
    let next: Uint8Array | null = null;
    model.successors(cur, e.action, (s, c) => { if (c === e.choice) { next = s.slice(); model.canonicalize?.(next); } });
    if (!next) return null;
    steps.push({ action: e.action, choice: e.choice, state: next });
    cur = next;
  }
  return { init, initIndex, steps };
}

/**
 * A worker thread's request failed with an error that knows how to travel (a `toMessage()`
 * method, e.g. a property that threw): the coordinator rejects with this, carrying that data,
 * and the caller rebuilds its own error from it (a structured clone keeps no class).
 */
export class WorkerFailure extends Error {
  constructor(message: string, readonly data: unknown) { super(message); }
}
