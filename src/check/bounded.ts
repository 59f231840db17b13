import vm from 'node:vm';
import { isMainThread, Worker } from 'node:worker_threads';

/** A limit was reached, or Ctrl-C came, before the search could start (while a model was built). */
export type LimitHit = { readonly hit: 'timeout' | 'memory' | 'interrupted' };

/** A limit reached while the full model or the slices were being built: nothing (more) is explored (check.ts reports it). */
export class BuildLimit extends Error {
  constructor(readonly hit: LimitHit['hit'], readonly what: 'the model was built' | 'the slices were made') { super(hit); }
}

const SLOT = '__dvipaVerifyBuild';
const IDLE = 0, ARMED = 1, FIRED = 2;

/**
 * The memory watchdog: a thread of its own (one per process, not keeping it alive) that, while
 * armed, looks at the process's resident set every 20 ms and, past the limit, sends this process
 * SIGINT, which ends the build started with `breakOnSigint` (vm), wherever it is.
 */
let watchdog: { state: Int32Array; limit: Float64Array } | null = null;
const WATCHDOG = `
const { workerData: { state, limit } } = require('node:worker_threads');
setInterval(() => {
  if (Atomics.load(state, 0) === ${ARMED} && process.memoryUsage.rss() > limit[0]) {
    Atomics.store(state, 0, ${FIRED});
    process.kill(process.pid, 'SIGINT');
  }
}, 20);`;

function arm(memoryLimit: number): Int32Array {
  if (!watchdog) {
    watchdog = { state: new Int32Array(new SharedArrayBuffer(4)), limit: new Float64Array(new SharedArrayBuffer(8)) };
    new Worker(WATCHDOG, { eval: true, workerData: watchdog }).unref();
  }
  watchdog.limit[0] = memoryLimit;
  Atomics.store(watchdog.state, 0, ARMED);
  return watchdog.state;
}

/**
 * Runs `build` (synchronous: a model's construction, which compiles code for the spec) within
 * the run's limits (D-95). It runs as a vm script started with the time left as its timeout and
 * with `breakOnSigint`: V8 terminates it wherever it is, also inside the functions it calls,
 * when the deadline passes or SIGINT comes (from the memory watchdog, or Ctrl-C). Only a single
 * step V8 cannot interrupt, such as compiling one generated function, can overrun a limit.
 */
export function withinLimits<T>(build: () => T, deadline: number | undefined, memoryLimit: number | undefined): T | LimitHit {
  const over = (): boolean => memoryLimit !== undefined && process.memoryUsage.rss() > memoryLimit;
  if (over()) return { hit: 'memory' };
  if (deadline === undefined && (memoryLimit === undefined || !isMainThread)) { const r = build(); return over() ? { hit: 'memory' } : r; }
  const left = deadline === undefined ? undefined : Math.floor(deadline - performance.now());
  if (left !== undefined && left <= 0) return { hit: 'timeout' };
  // In a worker thread, SIGINT is the main thread's (Ctrl-C): V8's SIGINT watch, once over, would
  // leave the process without the main thread's handler. There the build is held to the deadline
  // only, and memory is looked at before and after it.
  const state = memoryLimit !== undefined && isMainThread ? arm(memoryLimit) : null;
  const g = globalThis as Record<string, unknown>;
  g[SLOT] = build;
  let result: T;
  let fired = false;
  try {
    result = new vm.Script(`globalThis.${SLOT}()`).runInThisContext({ breakOnSigint: isMainThread, ...(left !== undefined ? { timeout: left } : {}) }) as T;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { hit: 'timeout' };
    if (code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') return { hit: state && Atomics.load(state, 0) === FIRED ? 'memory' : 'interrupted' };
    throw e;
  } finally {
    delete g[SLOT];
    if (state) fired = Atomics.exchange(state, 0, IDLE) === FIRED;
  }
  return fired || over() ? { hit: 'memory' } : result;
}

export const isLimitHit = (x: unknown): x is LimitHit => x !== null && typeof x === 'object' && 'hit' in x && Object.keys(x).length === 1;
