import { Worker } from 'node:worker_threads';
import { builtUrl } from '../engine/built-url.js';
import type { Termination } from '../engine/model.js';
import { runningBuffer } from '../engine/running.js';
import { PropertyFailure } from '../properties/bind.js';
import type { SliceJob } from './slice-worker.js';

export interface PoolRun {
  readonly termination: Termination; readonly states: number; readonly transitions: number; readonly depth: number; readonly storeBytes: number;
  readonly found: readonly { name: string; length: number; edges: { action: number; choice: number }[] | null }[];
}

/**
 * Explores slices on `n` worker threads, each taking the next job when it is free. Every job is
 * a whole exhaustive search, so the results, and the report made from them in job order, do not
 * depend on the number of threads or on which thread ran what.
 */
export async function runPool(jobs: readonly Omit<SliceJob, 'id'>[], n: number, modules: readonly string[], signal?: AbortSignal): Promise<PoolRun[]> {
  const url = builtUrl('./slice-worker.js', import.meta.url);
  const results: PoolRun[] = new Array(jobs.length);
  const workers = Array.from({ length: Math.min(n, jobs.length) }, () => new Worker(url, { workerData: { modules, running: runningBuffer() } }));
  const onAbort = (): void => { for (const w of workers) w.postMessage({ type: 'abort' }); };
  signal?.addEventListener('abort', onAbort);
  let next = 0;
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      const give = (): void => {
        if (next >= jobs.length) { resolve(); return; }
        const id = next++;
        w.postMessage({ type: 'job', job: { ...jobs[id]!, id } });
      };
      w.on('error', reject);
      // a thread that ends by itself (a property module ended it, D-257) fails the run, never a wait forever
      w.on('exit', (code) => reject(PropertyFailure.fromMessage({ property: '?', source: undefined, message: `a slice thread ended by itself (exit code ${code}): a property module ended its thread`, pos: null })));
      w.on('message', (m: { type: string; id: number; run?: PoolRun; property?: string; source?: string; message?: string; stack?: string; failure?: Parameters<typeof PropertyFailure.fromMessage>[0] }) => {
        if (m.type === 'ready') { give(); return; }
        if (m.type === 'error') {
          const cause = Object.assign(new Error(m.message), { stack: m.stack });
          reject(m.failure ? PropertyFailure.fromMessage(m.failure) : m.property ? new PropertyFailure(m.property, m.source, cause) : cause);
          return;
        }
        results[m.id] = m.run!;
        give();
      });
    })));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
