/**
 * The thread that runs the user's code (check-thread.ts, D-168): it loads the property modules
 * and runs `check()` for one spec at a time, with the options the main thread sends, posting
 * progress and then the report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useRunning } from '../engine/running.js';
import { PropertyFailure } from '../properties/bind.js';
import { loadPropertyModules } from '../properties/load-modules.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { check } from './check.js';
import type { PortableOptions, PropertyMeta, ThreadJob } from './check-thread.js';
import { replayTrace } from './replay.js';
import { simulate } from './simulate.js';

const port = parentPort!;
const { paths, running } = workerData as { paths: readonly string[]; running: SharedArrayBuffer };
useRunning(running);
let abort = new AbortController();

const loaded = await loadPropertyModules(paths, BUILTIN_PROPERTIES.map((p) => p.name), (file) => port.postMessage({ type: 'loading', file }));
if (!('properties' in loaded)) {
  port.postMessage({ type: 'load-error', error: loaded });
} else {
  const meta: PropertyMeta[] = loaded.properties.map((p) => ({
    kind: p.kind, name: p.name, description: p.description, ...(p.dvipas !== undefined ? { dvipas: p.dvipas } : {}),
    ...(p.kind === 'step' && p.events ? { events: p.events } : {}), ...(p.kind === 'step' && p.changes ? { changes: p.changes } : {}),
  }));
  port.on('message', async (m: { type: 'abort' } | { type: 'ping' } | { type: 'check'; cfg: Parameters<typeof check>[0]; opts: PortableOptions; elapsed: number } | ThreadJob) => {
    if (m.type === 'abort') { abort.abort(); return; }
    if (m.type === 'ping') { setTimeout(() => port.postMessage({ type: 'pong' }), 20); return; } // D-295: timers a check left run first
    if (m.type === 'simulate' || m.type === 'replay') {
      // D-205: simulate and replay run the modules' checks here too, under the main thread's limit
      try {
        const result = m.type === 'simulate'
          ? simulate(m.cfg, m.events, loaded.properties, m.only, m.skip, loaded.sources)
          : replayTrace(m.cfg, m.saved, loaded.properties, loaded.sources);
        port.postMessage({ type: 'result', result });
      } catch (e) {
        if (e instanceof PropertyFailure) port.postMessage({ type: 'failed', failure: e.toMessage() });
        else port.postMessage({ type: 'crashed', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
      }
      return;
    }
    abort = new AbortController();
    let last = 0;
    /** Progress at most every 50 ms (the main thread keeps the last one: a stopped thread's figures). */
    const post = (kind: string, p: unknown, force = false): void => {
      const now = performance.now();
      if (!force && now - last < 50) return;
      last = now;
      port.postMessage({ type: kind, p });
    };
    try {
      const report = await check(m.cfg, {
        ...m.opts, startedAt: performance.now() - m.elapsed, signal: abort.signal,
        extraProperties: loaded.properties, propertySources: loaded.sources, propertyModules: loaded.modules,
        onProgress: (p) => post('progress', p, true), onRandomProgress: (p) => post('random-progress', p),
      });
      port.postMessage({ type: 'done', report });
    } catch (e) {
      if (e instanceof PropertyFailure) port.postMessage({ type: 'failed', failure: e.toMessage() });
      else port.postMessage({ type: 'crashed', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
    }
  });
  port.postMessage({ type: 'loaded', meta, sources: [...loaded.sources], modules: loaded.modules });
}
