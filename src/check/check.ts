import { bfs, type Progress } from '../engine/bfs.js';
import { replay, type Path, type Termination } from '../engine/model.js';
import { realizePath } from '../model/symmetry.js';
import { randomWalks, shardSeed } from '../engine/random.js';
import { DvipaModel } from '../model/model.js';
import type { Property } from '../properties/api.js';
import { bindProperties, propertyFailureOf } from '../properties/bind.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { selectProperties } from './select.js';
import { parallelBfs } from '../engine/parallel.js';
import { builtUrl } from '../engine/built-url.js';
import type { WorkerArgs } from './worker-model.js';
import { buildTrace, type Trace } from './trace.js';
import { finishReport } from './verdict.js';
import { BuildLimit, isLimitHit, withinLimits } from './bounded.js';
import { slicedBfs, slicedRandom, type SliceReport } from './sliced.js';

export { finishReport };

export interface RandomSettings {
  readonly runs: number;
  readonly depth: number;
  readonly seed: number;
  readonly path?: string;
  /** [i, n]: shard i of n (disjoint seeds). */
  readonly shard?: readonly [number, number];
  /** Shortest trace by a BFS bounded to the shrunk length. */
  readonly minimize?: boolean;
}

export interface CheckOptions {
  readonly mode?: 'bfs' | 'random' | 'both';
  readonly random?: RandomSettings;
  readonly maxStates?: number;
  /** Seconds, from `startedAt`. */
  readonly timeout?: number;
  /** performance.now() when the run began (before the spec was read); default: when check() is called. */
  readonly startedAt?: number;
  readonly memoryLimit?: number;
  readonly only?: readonly string[] | null;
  readonly skip?: readonly string[] | null;
  /** Properties besides the built-ins (loaded modules), and the file each comes from. */
  readonly extraProperties?: readonly Property[];
  readonly propertySources?: ReadonlyMap<string, string>;
  readonly signal?: AbortSignal;
  /** BFS worker threads (1 = in this thread). Needs properties from files (built-ins, modules). */
  readonly workers?: number;
  /** Symmetry reduction over identical stacks (built-in properties only; counts become orbits). */
  readonly symmetry?: boolean;
  /** The module files of extraProperties, so that worker threads can load them too. */
  readonly propertyModules?: readonly string[];
  readonly onProgress?: (p: Progress) => void;
  /** Exact slicing per DVIPA (default true; false = the full product, `--no-slice`). */
  readonly slice?: boolean;
  /** [i, n]: only the i-th of n shares of the slices (`--slice i/n`). */
  readonly sliceShare?: readonly [number, number];
  readonly onRandomProgress?: (p: { runs: number; steps: number; states: number; seconds: number }) => void;
}

export interface PropertyResult {
  name: string;
  status: 'holds' | 'violated' | 'unknown';
  message?: string;
  /** It holds because nothing in the configuration can violate it: why (D-179). */
  vacuous?: string;
  trace?: Trace;
  /** Random mode: how to replay this counterexample (`--seed`, `--path`, with slicing `--slice`). */
  replay?: { seed: number; path: string; slice?: string };
}

/** One spec's report (SPEC §4 `check --format json`). */
export interface CheckReport {
  spec: string;
  result: 'pass' | 'fail' | 'incomplete' | 'empty';
  /** With result `empty`: why there is nothing to verify (SPEC §5). */
  reason?: string;
  complete: boolean;
  states: number;
  transitions: number;
  depth: number;
  seconds: number;
  properties: PropertyResult[];
  /** Why the exploration ended: exhausted, stateLimit, timeout, memory, interrupted, random. */
  termination: Termination | 'random';
  mode: 'bfs' | 'random' | 'both';
  /** With an `expect` block: the violated set it asks for, and whether it was met. */
  expect?: { violated: string[]; met: boolean };
  /** Reductions applied ('slice', symmetry groups); state counts are then sums over slices or counts of representatives. */
  reductions?: string[];
  /** With slicing: each slice's figures (SPEC §5). */
  slices?: SliceReport[];
  /** Remarks on how the run was made (e.g. a site property checked on the full model). */
  notes?: string[];
  /** Random walks: runs and steps taken, seed used. */
  random?: { runs: number; steps: number; seed: number; depth: number };
  storeBytes: number;
}

export function allProperties(extra: readonly Property[] = []): Property[] {
  return [...BUILTIN_PROPERTIES, ...extra];
}

/** Explores the spec's sysplex (BFS, random walks, or both) and checks the selected properties. */
export async function check(cfg: Config, opts: CheckOptions = {}): Promise<CheckReport> {
  const mode = opts.mode ?? 'bfs';
  const props = selectProperties(allProperties(opts.extraProperties), cfg, opts.only, opts.skip);
  const slicing = opts.slice !== false;
  // D-273: an `expect` that names violations is judged on the whole verdict; an expected violation
  // may lie in any share, so such a spec is checked on every slice whatever `--slice i/n` says
  // (else the shares without it fail, and the n reports together are not the whole verdict)
  const expected = cfg.expect?.violated.filter((n) => props.some((p) => p.name === n)) ?? [];
  const share = expected.length > 0 ? undefined : opts.sliceShare;
  const shareNote = opts.sliceShare && !share && slicing
    ? [`--slice ${opts.sliceShare.join('/')} not applied: the spec's expect block names violations (${expected.join(', ')}), which any slice may hold, so every slice is checked (D-273)`]
    : [];
  // the limits hold from the first byte: the clock started before the spec was read (startedAt),
  // and building a model (compiling code for the spec) is itself held to them (bounded.ts)
  const started = opts.startedAt ?? performance.now();
  const deadline = opts.timeout === undefined ? undefined : started + opts.timeout * 1000;
  const left = (): number | undefined => (deadline === undefined ? undefined : Math.max(0, deadline - performance.now()));
  // The full model is built only when it is explored (no slicing, or random walks): for a large
  // sysplex its compiled rules are the largest piece of code of the run.
  let built: { plain: DvipaModel; model: DvipaModel; bound: ReturnType<typeof bindProperties> } | null = null;
  const fullModel = (): NonNullable<typeof built> => {
    if (built) return built;
    const got = withinLimits(() => {
      const plain = new DvipaModel(cfg);
      const symmetric = opts.symmetry === true && (opts.extraProperties?.length ?? 0) === 0 ? new DvipaModel(cfg, false, true) : null;
      const model = symmetric?.symmetry ? symmetric : plain;
      return { plain, model, bound: bindProperties(model, props, opts.propertySources) };
    }, deadline, opts.memoryLimit);
    if (isLimitHit(got)) throw new BuildLimit(got.hit, 'the model was built');
    built = got;
    return built;
  };
  /** A path of the explored model as a real path of the plain model (symmetry). */
  const real = (p: Path): Path => { const { model, plain } = fullModel(); return model === plain ? p : realizePath(model, plain, p); };
  const results = new Map<string, PropertyResult>();
  let base = { states: 0, transitions: 0, depth: 0, seconds: 0, termination: 'random' as CheckReport['termination'], storeBytes: 0 };
  let sliced: Awaited<ReturnType<typeof slicedBfs>> | null = null;
  // D-288: with --mode both and --timeout, the search has half of the time left, the walks the rest
  const searchTime = (): number | undefined => { const t = left(); return t === undefined || mode !== 'both' ? t : t / 2; };
  const notes: string[] = [];
  const limits = {
    maxStates: opts.maxStates, timeout: searchTime(),
    memoryLimit: opts.memoryLimit, signal: opts.signal, onProgress: opts.onProgress,
  };
  let random: CheckReport['random'];
  let walkedSlices: CheckReport['slices']; // random mode: the slices walked (D-203)
  try {
    if (slicing && mode !== 'random') {
      sliced = await slicedBfs(cfg, props, {
        ...limits, symmetry: opts.symmetry === true, sources: opts.propertySources, share,
        // site properties given as objects (the library API) cannot reach worker threads
        workers: (opts.extraProperties?.length ?? 0) > 0 && !opts.propertyModules?.length ? 1 : opts.workers, modules: opts.propertyModules,
      });
      for (const [name, v] of sliced.violations) results.set(name, { name, status: 'violated', message: v.message, trace: v.trace });
      base = { states: sliced.states, transitions: sliced.transitions, depth: sliced.depth, seconds: sliced.seconds, termination: sliced.termination, storeBytes: sliced.storeBytes };
    } else if (mode !== 'random') {
      const { model, plain, bound } = fullModel();
      limits.timeout = searchTime();
      const workers = opts.workers ?? 1;
      if (workers > 1 && (opts.extraProperties?.length ?? 0) > 0 && !opts.propertyModules?.length) {
        throw new Error('worker threads need properties that come from module files (propertyModules)');
      }
      const args: WorkerArgs = { cfg, only: opts.only ?? null, skip: opts.skip ?? null, modules: opts.propertyModules ?? [], symmetry: model !== plain };
      const res = workers > 1
        ? await parallelBfs(model, { url: builtUrl('./worker-model.js', import.meta.url).href, args }, workers, limits).catch((e: unknown) => propertyFailureOf(e, opts.propertySources))
        : await bfs(model, bound, limits);
      for (const [name, d] of res.discoveries) {
        results.set(name, { name, status: 'violated', message: d.message, trace: buildTrace(plain, real(res.path(d)), props, opts.propertySources) });
      }
      base = { states: res.states, transitions: res.transitions, depth: res.depth, seconds: res.seconds, termination: res.termination, storeBytes: res.storeBytes };
    }
    const walks = mode === 'random' || (mode === 'both' && base.termination !== 'exhausted');
    if (walks && mode === 'both' && base.termination === 'timeout') notes.push(`--mode both: the search had half of the --timeout, the random walks have the rest (${((left() ?? 0) / 1000).toFixed(1)} s, D-288)`);
    const rs = opts.random ?? { runs: 1000, depth: 50, seed: 1 };
    const seed = rs.shard ? shardSeed(rs.seed, rs.shard[0]) : rs.seed;
    const timeLimit = left();
    if (walks && slicing) {
      const r = await slicedRandom(cfg, props, {
        runs: rs.runs, depth: rs.depth, seed, path: rs.path, minimize: rs.minimize, timeLimit, signal: opts.signal, memoryLimit: opts.memoryLimit, sources: opts.propertySources,
        share, skip: new Set([...results.keys(), ...(sliced?.decided ?? [])]), onProgress: opts.onRandomProgress,
        explored: new Set(sliced?.slices.filter((x) => x.complete).map((x) => x.dvipa) ?? []),
      });
      for (const [name, v] of r.violations) results.set(name, { name, status: 'violated', message: v.message, trace: v.trace, replay: v.replay });
      random = { runs: r.runs, steps: r.steps, seed, depth: rs.depth };
      if (mode === 'random') base = { states: r.states, transitions: r.steps, depth: rs.depth, seconds: r.seconds, termination: r.memory ? 'memory' : r.interrupted ? (opts.signal?.aborted ? 'interrupted' : 'timeout') : 'random', storeBytes: 0 };
      else base = { ...base, seconds: base.seconds + r.seconds };
      if (mode === 'random') walkedSlices = [...r.slices];
    } else if (walks) {
      const { model, plain, bound } = fullModel();
      const rest = bound.filter((p) => !results.has(p.name));
      const r = await randomWalks(model, rest, { runs: rs.runs, depth: rs.depth, seed, path: rs.path, onProgress: opts.onRandomProgress, timeLimit, signal: opts.signal, memoryLimit: opts.memoryLimit });
      for (const f of r.findings) {
        let path = replay(model, 0, f.edges)!;
        if (rs.minimize) {
          const exact = await bfs(model, bound.filter((p) => p.name === f.property), { maxDepth: f.edges.length, stopWhenAllViolated: true });
          const d = exact.discoveries.get(f.property);
          if (d) path = exact.path(d);
        }
        results.set(f.property, { name: f.property, status: 'violated', message: f.message, trace: buildTrace(plain, real(path), props, opts.propertySources), replay: { seed: f.seed, path: f.path } });
      }
      random = { runs: r.runs, steps: r.steps, seed, depth: rs.depth };
      if (mode === 'random') base = { states: r.states, transitions: r.steps, depth: rs.depth, seconds: r.seconds, termination: r.memory ? 'memory' : r.interrupted ? (opts.signal?.aborted ? 'interrupted' : 'timeout') : 'random', storeBytes: 0 };
      else base = { ...base, seconds: base.seconds + r.seconds };
    }
  } catch (e) {
    if (!(e instanceof BuildLimit)) throw e;
    // a limit was reached while a model was built: nothing (more) was explored
    base = { ...base, termination: e.hit, seconds: (performance.now() - started) / 1000 };
    const limit = e.hit === 'timeout' ? 'the --timeout limit was reached' : e.hit === 'memory' ? 'the --max-memory limit was reached' : 'interrupted';
    notes.push(`${limit} while ${e.what}, ${base.seconds.toFixed(1)} s after the spec began to be read: nothing more was explored (D-95, D-332)`);
  }
  const complete = base.termination === 'exhausted';
  const holds = (name: string): boolean => (sliced ? sliced.decided.has(name) && base.termination !== 'random' : complete);
  const properties = props.map((p): PropertyResult => {
    const done = results.get(p.name);
    if (done) return done;
    if (!holds(p.name)) return { name: p.name, status: 'unknown' };
    const vacuous = p.nothingToCheck?.(cfg) ?? null;
    return vacuous ? { name: p.name, status: 'holds', vacuous } : { name: p.name, status: 'holds' };
  });
  const sym = (built as { model: DvipaModel } | null)?.model.symmetry;
  const reductions = [
    ...(slicing ? ['slice'] : []),
    ...(sliced && opts.symmetry === true ? ['symmetry'] : []),
    ...(sym ? sym.groups.map((g) => `symmetry: ${g.map((i) => cfg.stacks[i]!.name).join(' = ')}`) : []),
  ];
  return finishReport(cfg, props.map((p) => p.name), {
    ...(reductions.length ? { reductions } : {}),
    spec: cfg.file, complete, ...base, seconds: Math.round(base.seconds * 1000) / 1000, properties, mode, ...(random ? { random } : {}),
    ...(sliced ? { slices: sliced.slices } : walkedSlices ? { slices: walkedSlices } : {}),
    ...(shareNote.length + (sliced?.notes.length ?? 0) + notes.length ? { notes: [...shareNote, ...(sliced?.notes ?? []), ...notes] } : {}),
  });
}

