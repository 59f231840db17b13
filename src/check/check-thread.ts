/**
 * D-168: the user's property modules run in a thread of their own (check-worker.ts), never in
 * the thread that keeps the run's limits. A check, or a module's top level, that loops forever
 * cannot be interrupted where it runs; from here the thread is ended once it overruns the
 * --timeout limit by its grace (`graceMs`), and Ctrl-C works (twice: quit at once) whatever it
 * runs. The report is then the one of a run stopped at the limit, with what the thread had
 * explored by its last progress, and a note saying why.
 */
import { Worker } from 'node:worker_threads';
import type { Progress } from '../engine/bfs.js';
import { builtUrl } from '../engine/built-url.js';
import { clearRunning, newRunningBuffer, runningIn } from '../engine/running.js';
import type { DvipaScope, Property, StatePart } from '../properties/api.js';
import { PropertyFailure, uncaughtFailure, uncaughtText } from '../properties/bind.js';
import { positionIn } from '../properties/load-modules.js';
import type { LoadedProperties, ModuleError } from '../properties/load-modules.js';
import type { EventKind } from '../model/actions.js';
import type { Config } from '../spec/config.js';
import { allProperties, finishReport, type CheckOptions, type CheckReport } from './check.js';
import type { SavedTrace } from './replay.js';
import { selectProperties } from './select.js';

/** What the main thread knows of a module's property: everything but its code. */
export interface PropertyMeta {
  readonly kind: 'invariant' | 'step'; readonly name: string; readonly description: string;
  readonly dvipas?: DvipaScope; readonly events?: readonly EventKind[]; readonly changes?: readonly StatePart[];
}

/** check()'s options that can cross to a thread (no functions, signal or property objects). */
export type PortableOptions = Omit<CheckOptions, 'extraProperties' | 'propertySources' | 'propertyModules' | 'signal' | 'onProgress' | 'onRandomProgress' | 'startedAt'>;

/** How long past the --timeout limit the thread may run before it is ended: 5 s, or a fifth of the limit if longer. */
export const graceMs = (timeoutSeconds: number): number => Math.max(5000, timeoutSeconds * 200);

/** A module error, or a module whose top level had not finished by the --timeout limit (exit 3). */
export type ThreadLoadError = ModuleError & { readonly limit?: boolean };

type Msg = { type: string; [k: string]: unknown };

/** simulate() or replayTrace() to run in the thread (D-205); a trace crosses without its `eventAt`. */
export type ThreadJob =
  | { type: 'simulate'; cfg: Config; events: string; only: string[] | null; skip: string[] | null }
  | { type: 'replay'; cfg: Config; saved: Omit<SavedTrace, 'eventAt'> };
/** The result of a ThreadJob, or the limit that ended its thread. */
export type JobResult<T> = { ok: true; result: T } | { ok: false; limit: 'timeout' | 'memory'; stuck?: string | null };

export class PropertyThread {
  private constructor(private w: Worker | null, private readonly paths: readonly string[], readonly loaded: LoadedProperties, private cells: SharedArrayBuffer) {}

  /** D-258: the properties that a thread was checking when it was ended (or ended itself), with their files. */
  private stuckIn(): { name: string; source: string }[] {
    const names = [...this.loaded.sources.keys()];
    const which = runningIn(this.cells).map((id) => names[id - 1]).filter((n): n is string => n !== undefined);
    clearRunning(this.cells);
    return which.map((name) => ({ name, source: this.loaded.sources.get(name)! }));
  }

  /** The same in words: "property 'x' (file)", or null. */
  private stuck(): string | null {
    const which = this.stuckIn();
    return which.length === 0 ? null : which.map((p) => `property '${p.name}' (${p.source})`).join(', ');
  }

  /** A thread ended by itself: the property it was checking, at the place its module names it (D-258), else `fallback`. */
  private endedBy(fallback: string): PropertyFailure {
    const p = this.stuckIn()[0];
    if (!p) return PropertyFailure.fromMessage({ property: '?', source: undefined, message: fallback, pos: null });
    return PropertyFailure.fromMessage({
      property: p.name, source: p.source, pos: positionIn(p.source, null, p.name),
      message: `property '${p.name}' (${p.source}) ended the thread it was checked in (process.reallyExit() or the like): a check returns true, false or a message`,
    });
  }

  /**
   * D-295: the thread ended by an exception nothing caught (a throw in a timer or callback, an
   * unhandled rejection, that a module's code left running): a failure of the module whose file
   * its stack names (at that line), else of the property being checked, never an internal error.
   */
  private uncaught(e: unknown): PropertyFailure {
    return uncaughtFailure(e, [...this.loaded.sources], this.stuckIn()[0]?.name);
  }

  /**
   * Starts the thread and loads the modules there. `timeout` (seconds): a module whose top level
   * has not finished by then (and its grace) is a limit reached, at that module.
   */
  static async open(paths: readonly string[], timeout?: number): Promise<PropertyThread | ThreadLoadError> {
    const cells = newRunningBuffer();
    const w = new Worker(builtUrl('./check-worker.js', import.meta.url), { workerData: { paths, running: cells } });
    let current = paths[0] ?? '';
    const m = await answer(w, timeout === undefined ? null : timeout * 1000 + graceMs(timeout), (x) => { if (x.type !== 'loading') return true; current = x.file as string; return false; });
    if (m.type === 'loaded') {
      const meta = m.meta as PropertyMeta[];
      return new PropertyThread(w, paths, { properties: meta.map(stub), sources: new Map(m.sources as [string, string][]), modules: m.modules as string[] }, cells);
    }
    await w.terminate();
    if (m.type === 'load-error') return m.error as ModuleError;
    if (m.type === 'overrun') return { file: current, line: 1, column: 1, message: `the module's top level had not finished when the --timeout limit (${timeout} s) was reached`, limit: true };
    if (m.type === 'exited') return { file: current, line: 1, column: 1, message: 'the module never finished loading: its thread ended with nothing left to wait for (a top-level await on a promise that never settles, or process.exit())' };
    const e = m.error as Error & { code?: string };
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return { file: current, line: 1, column: 1, message: 'the module ran out of memory while it was loaded', limit: true };
    // D-295: an exception nothing caught while the modules were loaded
    return { file: current, ...positionIn(current, e), message: `cannot load property module: ${uncaughtText(e)}` };
  }

  /** check() of one spec in the thread; `opts` as for check(), its property fields ignored (the thread's modules are used). */
  async check(cfg: Config, opts: CheckOptions): Promise<CheckReport> {
    const { extraProperties: _e, propertySources: _s, propertyModules: _m, signal, onProgress, onRandomProgress, startedAt, ...portable } = opts;
    const t0 = startedAt ?? performance.now();
    /** The last progress of each kind: what a thread that is ended had explored. */
    const seen: { bfs: Progress | null; random: { runs: number; steps: number; states: number } | null } = { bfs: null, random: null };
    const w = this.w ?? await this.restart();
    const onAbort = (): void => w.postMessage({ type: 'abort' });
    signal?.addEventListener('abort', onAbort);
    const left = opts.timeout === undefined ? null : Math.max(0, t0 + opts.timeout * 1000 - performance.now()) + graceMs(opts.timeout);
    const m = await answer(w, left, (x) => {
      if (x.type === 'progress') { seen.bfs = x.p as Progress; onProgress?.(seen.bfs); return false; }
      if (x.type === 'random-progress') { seen.random = x.p as typeof seen.random; onRandomProgress?.(x.p as Parameters<NonNullable<CheckOptions['onRandomProgress']>>[0]); return false; }
      return true;
    }, () => w.postMessage({ type: 'check', cfg, opts: portable satisfies PortableOptions, elapsed: performance.now() - t0 }));
    signal?.removeEventListener('abort', onAbort);
    if (m.type === 'done') {
      // D-258: a search that stopped at its limit by itself may have ended a worker thread inside a
      // check that would not return (its cell is still set): the report names it
      const report = m.report as CheckReport;
      const stuck = this.stuck();
      if (!stuck || report.termination !== 'timeout') return report;
      return { ...report, notes: [...(report.notes ?? []), `when the --timeout limit was reached, a check of ${stuck} had not returned`] };
    }
    const memory = await this.ended(w, m);
    const stuck = this.stuck();
    const selected = selectProperties(allProperties(this.loaded.properties), cfg, opts.only, opts.skip).map((p) => p.name);
    const why = memory
      ? 'the thread running the --properties modules ran out of its heap (a check that keeps what it allocates?); it was ended (D-168)'
      : `the search had not stopped ${(graceMs(opts.timeout!) / 1000).toFixed(0)} s after the --timeout limit: ${stuck ? `a check of ${stuck} had not returned` : 'a check of a --properties module had not returned'}; its thread was ended (D-168)`;
    return finishReport(cfg, selected, {
      spec: cfg.file, complete: false, termination: memory ? 'memory' : 'timeout', mode: opts.mode ?? 'bfs',
      states: seen.bfs?.states ?? seen.random?.states ?? 0, transitions: seen.bfs?.transitions ?? seen.random?.steps ?? 0, depth: seen.bfs?.depth ?? 0,
      seconds: Math.round(performance.now() - t0) / 1000, storeBytes: 0,
      properties: selected.map((name) => ({ name, status: 'unknown' as const })), notes: [why],
    });
  }

  /**
   * simulate() or replayTrace() in the thread (D-205): its result, or the limit reached when the
   * thread had not answered within `ms` (a check that does not return; then it is ended) or ran
   * out of its heap. A property that throws is a PropertyFailure, as in check().
   */
  async run<T>(job: ThreadJob, ms: number | null): Promise<JobResult<T>> {
    const w = this.w ?? await this.restart();
    const m = await answer(w, ms, () => true, () => w.postMessage(job));
    if (m.type === 'result') return { ok: true, result: m.result as T };
    const memory = await this.ended(w, m);
    return { ok: false, limit: memory ? 'memory' : 'timeout', stuck: this.stuck() };
  }

  /**
   * The thread's answer was no result: a property that threw, a crash or process.exit() are
   * thrown; an overrun limit or a heap run out ends the thread (a new one for the next job) and
   * says which (true: memory).
   */
  private async ended(w: Worker, m: Awaited<ReturnType<typeof answer>>): Promise<boolean> {
    if (m.type === 'failed') {
      const f = m.failure as Parameters<typeof PropertyFailure.fromMessage>[0];
      // a worker thread of the search (or of the slice pool) ended by itself: name what it was checking
      throw f.property === '?' ? this.endedBy(f.message) : PropertyFailure.fromMessage(f);
    }
    if (m.type === 'crashed') throw Object.assign(new Error(m.message as string), { stack: m.stack as string | undefined });
    if (m.type === 'exited') {
      this.w = null;
      throw this.endedBy('a property module ended the thread the checks run in (process.exit() in a check?)');
    }
    const memory = m.type === 'error' && (m.error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (m.type === 'error' && !memory) { this.w = null; throw this.uncaught(m.error); }
    await w.terminate();
    this.w = null;
    return memory;
  }

  /** A new thread after one was ended (its modules loaded again). */
  private async restart(): Promise<Worker> {
    const t = await PropertyThread.open(this.paths);
    if (!(t instanceof PropertyThread) || !t.w) throw new Error(`internal error: the property modules no longer load${t instanceof PropertyThread ? '' : `: ${t.file}: ${t.message}`}`);
    this.cells = t.cells;
    return (this.w = t.w);
  }

  /**
   * Ends the thread. D-295: an exception a check left behind (a timer that throws after the check
   * returned) ends the thread only after the report came: the thread is asked once more (1 s at
   * most), and such an exception comes back as a failure of its property.
   */
  async close(): Promise<PropertyFailure | null> {
    const w = this.w;
    this.w = null;
    if (!w) return null;
    const m = await answer(w, 1000, (x) => x.type === 'pong', () => w.postMessage({ type: 'ping' }));
    await w.terminate();
    return m.type === 'error' ? this.uncaught(m.error) : null;
  }
}

/**
 * The thread's next message that `final` accepts; `{ type: 'overrun' }` when `ms` pass first,
 * `{ type: 'error' }` when the thread fails, `{ type: 'exited' }` when it ends. `send` starts the work.
 */
function answer(w: Worker, ms: number | null, final: (m: Msg) => boolean, send?: () => void): Promise<Msg> {
  return new Promise<Msg>((resolve) => {
    const timer = ms === null ? null : setTimeout(() => done({ type: 'overrun' }), ms);
    const onMessage = (x: Msg): void => { if (final(x)) done(x); };
    const onError = (e: Error): void => done({ type: 'error', error: e });
    const onExit = (): void => done({ type: 'exited' });
    function done(x: Msg): void {
      if (timer) clearTimeout(timer);
      w.off('message', onMessage).off('error', onError).off('exit', onExit);
      resolve(x);
    }
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
    send?.();
  });
}

/** A module's property as the main thread holds it: its description, never its code. */
function stub(m: PropertyMeta): Property {
  const check = (): never => { throw new Error(`internal error: property '${m.name}' runs only in its thread`); };
  return { ...m, check } as unknown as Property;
}

