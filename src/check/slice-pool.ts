import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { builtUrl } from '../engine/built-url.js';
import type { Termination } from '../engine/model.js';
import { runningBuffer } from '../engine/running.js';
import { PropertyFailure } from '../properties/bind.js';
import type { SliceJob } from './slice-worker.js';

export interface PoolRun {
  readonly termination: Termination; readonly states: number; readonly transitions: number; readonly depth: number; readonly storeBytes: number;
  readonly found: readonly { name: string; length: number; edges: readonly { action: number; choice: number }[] | null }[];
}

/** The calling thread explores alone this long (ms) before it starts the other threads (D-323). */
export const SPAWN_AFTER_MS = 40;

/**
 * Explores slices on this thread (`local`) until, when jobs are left after SPAWN_AFTER_MS, `n`
 * worker threads have started and one is ready; then on those. Each explorer claims the next job
 * from a shared counter, so no thread waits for another to hand it work (D-323). Every job is a whole
 * exhaustive search, so the results, and the report made from them in job order, do not depend
 * on the number of threads or on which thread ran what; a spec whose slices are all small is done
 * before any thread would have started.
 */
export async function runPool(jobs: readonly Omit<SliceJob, 'id'>[], n: number, modules: readonly string[], local: (id: number) => Promise<PoolRun>, signal?: AbortSignal): Promise<PoolRun[]> {
  const results: PoolRun[] = new Array(jobs.length);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const claim = (): number => Atomics.add(counter, 0, 1);
  const workers: Worker[] = [];
  const threads: Promise<void>[] = [];
  let failure: unknown = null;
  let helped = false; // a thread is ready: this one takes no more jobs (its heap holds the whole spec, so it collects garbage slower)
  const fail = (e: unknown): void => { failure ??= e; Atomics.store(counter, 0, jobs.length); }; // no explorer claims another job
  const onAbort = (): void => { for (const w of workers) w.postMessage({ type: 'abort' }); };
  signal?.addEventListener('abort', onAbort);
  const start = (): void => {
    const url = builtUrl('./slice-worker.js', import.meta.url);
    const table = jobTable(jobs);
    for (let k = 0; k < n; k++) {
      const w = new Worker(url, { workerData: { modules, running: runningBuffer(), jobs: table, counter: counter.buffer } });
      workers.push(w);
      if (signal?.aborted) w.postMessage({ type: 'abort' });
      threads.push(new Promise<void>((resolve, reject) => {
        w.on('error', reject);
        // a thread that ends by itself (a property module ended it, D-257) fails the run, never a wait forever
        w.on('exit', (code) => reject(PropertyFailure.fromMessage({ property: '?', source: undefined, message: `a slice thread ended by itself (exit code ${code}): a property module ended its thread`, pos: null })));
        w.on('message', (m: { type: string; id: number; run?: PoolRun; property?: string; source?: string; message?: string; stack?: string; failure?: Parameters<typeof PropertyFailure.fromMessage>[0] }) => {
          if (m.type === 'ready') { helped = true; return; }
          if (m.type === 'finished') { resolve(); return; }
          if (m.type === 'error') {
            const cause = Object.assign(new Error(m.message), { stack: m.stack });
            reject(m.failure ? PropertyFailure.fromMessage(m.failure) : m.property ? new PropertyFailure(m.property, m.source, cause) : cause);
            return;
          }
          results[m.id] = m.run!;
        });
      }).catch(fail));
    }
  };
  // this thread's search yields to the event loop every 50 ms or so (bfs.ts), so the timer fires during a long job too
  const timer = n > 1 ? setTimeout(() => { if (Atomics.load(counter, 0) < jobs.length) start(); }, SPAWN_AFTER_MS) : null;
  try {
    while (!helped) {
      const id = claim();
      if (id >= jobs.length) break;
      results[id] = await local(id);
    }
    await Promise.all(threads);
    if (failure !== null) throw failure;
  } finally {
    if (timer) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** The jobs, each serialized once into one shared buffer: a thread decodes only the jobs it claims (a site's slices, cloned whole to every thread, were 80 MB each). */
export interface JobTable { readonly bytes: SharedArrayBuffer; readonly ends: Float64Array }

function jobTable(jobs: readonly Omit<SliceJob, 'id'>[]): JobTable {
  const parts = jobs.map((j, id) => serialize({ ...j, id }));
  const ends = new Float64Array(new SharedArrayBuffer(8 * (jobs.length + 1)));
  parts.forEach((p, k) => { ends[k + 1] = ends[k]! + p.length; });
  const bytes = new SharedArrayBuffer(Math.max(1, ends[jobs.length]!));
  const view = new Uint8Array(bytes);
  parts.forEach((p, k) => view.set(p, ends[k]!));
  return { bytes, ends };
}

/** Job k of the table (in the thread that claimed it). */
export const jobAt = (t: JobTable, k: number): SliceJob => deserialize(Buffer.from(new Uint8Array(t.bytes, t.ends[k]!, t.ends[k + 1]! - t.ends[k]!))) as SliceJob;
