/**
 * D-258: which site property each thread is checking right now, readable by the thread that keeps
 * the limits. A check that never returns (or ends its thread) cannot say so itself; the main
 * thread reads this buffer when it ends the thread, and names the property. Cell 0 counts the
 * threads; each thread that runs checks takes a cell of its own and writes there the number of
 * the property it is in (1-based, in load order), 0 between checks. Threads pass the buffer on
 * to the threads they start (workerData `running`).
 */
const CELLS = 1024;
let cells: Int32Array | null = null;
let mine = 0;

/** A buffer for the threads about to be started. */
export function newRunningBuffer(): SharedArrayBuffer { return new SharedArrayBuffer(4 * (CELLS + 1)); }

/** The buffer this thread writes to (to pass on to threads it starts), or null. */
export function runningBuffer(): SharedArrayBuffer | null { return cells ? (cells.buffer as SharedArrayBuffer) : null; }

/** This thread writes what it checks into `b` (from its workerData); nothing without one. */
export function useRunning(b: SharedArrayBuffer | null | undefined): void {
  if (!b) return;
  cells = new Int32Array(b);
  mine = 1 + (Atomics.add(cells, 0, 1) % CELLS);
}

/** Entering (id > 0) or leaving (0) the check of a property. */
export function running(id: number): void { if (cells) cells[mine] = id; }

/** The property numbers some thread of `b` is in now, ascending, once each. */
export function runningIn(b: SharedArrayBuffer): number[] {
  const c = new Int32Array(b);
  const ids = new Set<number>();
  for (let i = 1; i <= CELLS; i++) if (c[i]! > 0) ids.add(c[i]!);
  return [...ids].sort((x, y) => x - y);
}

/** Forgets every thread's entry (the threads were ended). */
export function clearRunning(b: SharedArrayBuffer): void { new Int32Array(b).fill(0, 1); }
