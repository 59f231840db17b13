/**
 * A worker thread of the slice pool (slice-pool.ts): explores whole slices, claiming each next job
 * from the shared counter (D-323), with the built-in properties and the given property modules,
 * and answers with the figures and the (slice) paths of its violations.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bfs } from '../engine/bfs.js';
import { useRunning } from '../engine/running.js';
import { DvipaModel } from '../model/model.js';
import { bindProperties, PropertyFailure } from '../properties/bind.js';
import { loadPropertyModules } from '../properties/load-modules.js';
import type { Property } from '../properties/api.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { isLimitHit, withinLimits } from './bounded.js';
import { jobAt, type JobTable } from './slice-pool.js';

export interface SliceJob {
  readonly id: number; readonly cfg: Config; readonly props: readonly string[]; readonly symmetry: boolean;
  /** Date.now() by which the job must end (timeout), or null. */
  readonly deadline: number | null;
  readonly memoryLimit?: number;
}

const port = parentPort!;
const { modules, running, jobs, counter } = workerData as { modules: readonly string[]; running: SharedArrayBuffer | null; jobs: JobTable; counter: SharedArrayBuffer };
useRunning(running);
let extra: Property[] = [];
let sources = new Map<string, string>();
if (modules.length > 0) {
  const r = await loadPropertyModules(modules, BUILTIN_PROPERTIES.map((p) => p.name));
  if (!('properties' in r)) throw new Error(`${r.file}:${r.line}: ${r.message}`);
  extra = r.properties;
  sources = r.sources;
}
const byName = new Map([...BUILTIN_PROPERTIES, ...extra].map((p) => [p.name, p] as const));
const abort = new AbortController();

port.on('message', (m: { type: 'abort' }) => { if (m.type === 'abort') abort.abort(); });

async function run(job: SliceJob): Promise<void> {
  try {
    // the build is held to the deadline (D-95; memory is watched by the coordinator's thread)
    const model = withinLimits(() => new DvipaModel(job.cfg, false, job.symmetry), job.deadline === null ? undefined : performance.now() + Math.max(0, job.deadline - Date.now()), undefined);
    if (isLimitHit(model)) {
      port.postMessage({ type: 'done', id: job.id, run: { termination: model.hit, states: 0, transitions: 0, depth: 0, storeBytes: 0, found: [] } });
      return;
    }
    const props = job.props.map((n) => byName.get(n)!);
    const res = await bfs(model, bindProperties(model, props, sources), {
      timeout: job.deadline === null ? undefined : Math.max(0, job.deadline - Date.now()), memoryLimit: job.memoryLimit, signal: abort.signal,
    });
    const found = [...res.discoveries.values()].map((d) => {
      const path = res.path(d);
      return { name: d.property, length: path.steps.length, edges: model.symmetry ? null : path.steps.map((s) => ({ action: s.action, choice: s.choice })) };
    });
    port.postMessage({ type: 'done', id: job.id, run: { termination: res.termination, states: res.states, transitions: res.transitions, depth: res.depth, storeBytes: res.storeBytes, found } });
  } catch (e) {
    const f = e instanceof PropertyFailure ? e : null;
    const cause = f ? f.cause : e;
    port.postMessage({
      type: 'error', id: job.id, property: f?.property, source: f?.source, failure: f?.toMessage(),
      message: cause instanceof Error ? cause.message : String(cause), stack: cause instanceof Error ? cause.stack : undefined,
    });
  }
}

const next = new Int32Array(counter);
port.postMessage({ type: 'ready' });
const count = jobs.ends.length - 1;
for (let id = Atomics.add(next, 0, 1); id < count; id = Atomics.add(next, 0, 1)) await run(jobAt(jobs, id));
port.postMessage({ type: 'finished' });
