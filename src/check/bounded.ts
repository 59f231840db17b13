import vm from 'node:vm';

/** A limit was reached before the search could start (while the model was being built). */
export type LimitHit = { readonly hit: 'timeout' | 'memory' };

const SLOT = '__dvipaVerifyBuild';

/**
 * Runs `build` (synchronous: the model's construction, which compiles code for the spec) within
 * the run's limits. The time limit is held by V8 itself: a script started with a timeout is
 * terminated wherever it is, also inside the functions it calls, so construction cannot run past
 * the deadline (only a single non-interruptible step, such as compiling one generated function,
 * can overrun it a little). Memory is looked at before and after.
 */
export function withinLimits<T>(build: () => T, deadline: number | undefined, memoryLimit: number | undefined): T | LimitHit {
  const over = (): boolean => memoryLimit !== undefined && process.memoryUsage.rss() > memoryLimit;
  if (over()) return { hit: 'memory' };
  let result: T;
  if (deadline === undefined) result = build();
  else {
    const left = Math.floor(deadline - performance.now());
    if (left <= 0) return { hit: 'timeout' };
    const g = globalThis as Record<string, unknown>;
    g[SLOT] = build;
    try {
      result = new vm.Script(`globalThis.${SLOT}()`).runInThisContext({ timeout: left }) as T;
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { hit: 'timeout' };
      throw e;
    } finally {
      delete g[SLOT];
    }
  }
  return over() ? { hit: 'memory' } : result;
}

export const isLimitHit = (x: unknown): x is LimitHit => x !== null && typeof x === 'object' && 'hit' in x && Object.keys(x).length === 1;
