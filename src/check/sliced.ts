// Long because planning the units, the BFS per class of slices, the pool and the random walks per slice
// share one notion of unit and one way of combining results (D-53..D-59); split, they would repeat it.
import { bfs, type BfsOptions, type Progress } from '../engine/bfs.js';
import { replay, type Termination } from '../engine/model.js';
import { randomWalks, shardSeed } from '../engine/random.js';
import { DvipaModel } from '../model/model.js';
import type { Property } from '../properties/api.js';
import { bindProperties, propertyFailureOf } from '../properties/bind.js';
import type { Config } from '../spec/config.js';
import { canonicalIPv6 } from '../spec/ipv4.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { sliceConfig, type Slice } from './slice.js';
import { codeKey } from './slice-code.js';
import { distInfo } from '../model/dist.js';
import { Layout } from '../model/layout.js';
import { Symmetry } from '../model/symmetry.js';
import { rangeDvipas } from '../model/range-layout.js';
import { fullEdges, fullEdgesOf, lexLess, sliceSteps, type Edge, type SliceStep } from './slice-trace.js';
import { runPool, type PoolRun } from './slice-pool.js';
import { parallelBfs } from '../engine/parallel.js';
import { builtUrl } from '../engine/built-url.js';
import type { WorkerArgs } from './worker-model.js';
import { buildTrace, type Trace } from './trace.js';
import { BuildLimit, isLimitHit, withinLimits } from './bounded.js';

/** One slice's figures in the JSON report (SPEC §5). */
export interface SliceReport { dvipa: string; states: number; transitions: number; depth: number; complete: boolean }

/** A piece of work: a slice and the properties checked on it. */
interface Unit { readonly slice: Slice; readonly label: string; readonly props: readonly Property[] }

interface Found { readonly length: number; readonly edges: readonly Edge[] | null }
interface Run {
  readonly termination: Termination; readonly states: number; readonly transitions: number; readonly depth: number;
  readonly storeBytes: number; readonly found: ReadonlyMap<string, Found>;
}

export interface SlicedOptions {
  readonly maxStates?: number;
  /** Milliseconds for the whole run. */
  readonly timeout?: number;
  readonly memoryLimit?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
  readonly symmetry?: boolean;
  readonly sources?: ReadonlyMap<string, string>;
  /** [i, n]: only the i-th of n shares of the slices (1-based). */
  readonly share?: readonly [number, number];
  /** Threads: slices are spread over them; a run of a single slice is split over them (parallel BFS). */
  readonly workers?: number;
  /** Files of the site properties, for worker threads. */
  readonly modules?: readonly string[];
}

export interface SlicedResult {
  readonly violations: Map<string, { message: string; trace: Trace }>;
  /** Properties whose every slice was explored completely. */
  readonly decided: ReadonlySet<string>;
  readonly termination: Termination;
  readonly states: number; readonly transitions: number; readonly depth: number; readonly seconds: number; readonly storeBytes: number;
  readonly slices: SliceReport[];
  readonly notes: string[];
}

const BUILTIN = new Set<Property>(BUILTIN_PROPERTIES);

/**
 * The units of a run: one slice per DVIPA for the built-in properties (each speaks of one DVIPA
 * at a time), one slice per distinct `dvipas` list of site properties, and the full model for
 * site properties that declare `dvipas: 'all'` or nothing (with a note saying how to declare).
 */
export function planUnits(cfg: Config, props: readonly Property[], notes: string[]): Unit[] {
  const addresses = [...new Set(cfg.stacks.flatMap((st) => st.defs.map((d) => d.address))), ...rangeDvipas(cfg).map((r) => r.address)]; // issue 18
  const each = props.filter((p) => BUILTIN.has(p));
  const units: Unit[] = each.length === 0 ? [] : addresses.map((a) => ({ slice: sliceConfig(cfg, [a]), label: a, props: each }));
  const lists = new Map<string, Property[]>();
  const whole: Property[] = [];
  for (const p of props) {
    if (BUILTIN.has(p)) continue;
    const dv = p.dvipas;
    if (dv === undefined) notes.push(`property '${p.name}' declares no DVIPAs: checked on the full model (declare dvipas: ['<address>', ...] or dvipas: 'all' in its definition)`);
    // D-260: entries matched as the spec spells DVIPAs (IPv6 canonical); one the spec lacks is named in a note
    const listed = Array.isArray(dv) ? dv.map((a) => canonicalIPv6(a) ?? a) : [];
    const known = [...new Set(listed.filter((a) => addresses.includes(a)))];
    const unknown = listed.filter((a) => !addresses.includes(a));
    if (unknown.length > 0) notes.push(`property '${p.name}' declares dvipas ${unknown.join(', ')}, which this spec does not define: ${known.length > 0 ? 'checked on the slice of the others' : 'checked on the full model'}`);
    if (dv === undefined || dv === 'all' || known.length === 0) { whole.push(p); continue; }
    const key = [...known].sort().join(',');
    lists.set(key, [...(lists.get(key) ?? []), p]);
  }
  for (const [key, ps] of lists) {
    // a list of one DVIPA that the built-ins already slice shares their unit (explored once, listed once)
    const k = each.length > 0 && !key.includes(',') ? units.findIndex((u) => u.label === key) : -1;
    if (k >= 0) units[k] = { ...units[k]!, props: [...units[k]!.props, ...ps] };
    else units.push({ slice: sliceConfig(cfg, key.split(',')), label: key, props: ps });
  }
  // D-280: a slice with distribution has no structural key (slice.ts): keyed by its rules' code, so isomorphic ones are explored once
  units.forEach((u, k) => {
    if (!u.slice.key.startsWith('dist:')) return;
    const key = codeKey(u.slice.cfg, u.props);
    // the same code is the same transition system by index: also the same first shortest paths (D-321)
    if (key !== null) units[k] = { ...u, slice: { ...u.slice, key, orderedKey: key } };
  });
  if (whole.length > 0) {
    const full: Slice = { dvipas: addresses, cfg, stacks: cfg.stacks.map((_, i) => i), key: 'full', orderedKey: 'full' };
    units.push({ slice: full, label: 'all', props: whole });
  }
  return units;
}

/** Explores each unit's slice (isomorphic slices once), then rebuilds each violated property's shortest trace on the full model. */
export async function slicedBfs(cfg: Config, props: readonly Property[], opts: SlicedOptions = {}): Promise<SlicedResult> {
  const t0 = performance.now();
  const notes: string[] = [];
  // making the slices is held to the limits too: a site of 256 stacks and a thousand DVIPAs takes seconds (D-332)
  const planned = withinLimits(() => planUnits(cfg, props, notes), opts.timeout === undefined ? undefined : t0 + opts.timeout, opts.memoryLimit);
  if (isLimitHit(planned)) throw new BuildLimit(planned.hit, 'the slices were made');
  let units = planned;
  if (opts.share) { const [i, n] = opts.share; units = units.filter((_, k) => k % n === i - 1); }
  const keyOf = (u: Unit): string => `${u.slice.key}|${u.props.map((p) => p.name).join(',')}`;
  const reps = new Map<string, Unit>();
  for (const u of units) if (!reps.has(keyOf(u))) reps.set(keyOf(u), u);
  const order = [...reps.values()];
  const done = new Map<string, Run>();
  let termination: Termination = 'exhausted';
  let states = 0;
  const workers = opts.workers ?? 1;
  if (workers > 1 && order.length > 1 && opts.maxStates === undefined) {
    // Whole slices on a pool: this thread and the others (D-57: each is explored once, in any thread; D-323).
    const deadline = opts.timeout === undefined ? null : Date.now() + opts.timeout - (performance.now() - t0);
    // the largest slices (by state size) are taken first, so no long one is left to the end
    const queue = order.map((u) => ({ u, size: new Layout(u.slice.cfg).bytes })).sort((a, b) => b.size - a.size).map((x) => x.u);
    const jobs = queue.map((u) => ({ cfg: u.slice.cfg, props: u.props.map((p) => p.name), symmetry: opts.symmetry === true, deadline, memoryLimit: opts.memoryLimit }));
    const local = async (k: number): Promise<PoolRun> => {
      const left = opts.timeout === undefined ? undefined : Math.max(0, opts.timeout - (performance.now() - t0));
      const r = await explore(queue[k]!, { ...opts, workers: 1 }, { timeout: left, memoryLimit: opts.memoryLimit, signal: opts.signal });
      return { ...r, found: [...r.found].map(([name, f]) => ({ name, ...f })) };
    };
    const out = await runPool(jobs, workers, opts.modules ?? [], local, opts.signal);
    out.forEach((r, k) => {
      done.set(keyOf(queue[k]!), { ...r, found: new Map(r.found.map((f) => [f.name, { length: f.length, edges: f.edges }])) });
      if (r.termination !== 'exhausted' && termination === 'exhausted') termination = r.termination;
    });
  } else {
    // D-287: the smallest slices first (by state size), so a limit cuts the few large ones
    // (a DESTIP ALL DVIPA) after every small one was decided, not before; the order never changes
    // a complete run's report (each unit's result is its own), and it is a function of the spec.
    const bySize = order.map((u, k) => ({ u, k, size: new Layout(u.slice.cfg).bytes })).sort((a, b) => a.size - b.size || a.k - b.k).map((x) => x.u);
    for (const u of bySize) {
      const elapsed = performance.now() - t0;
      const limits: BfsOptions = {
        maxStates: opts.maxStates === undefined ? undefined : opts.maxStates - states,
        timeout: opts.timeout === undefined ? undefined : Math.max(0, opts.timeout - elapsed),
        memoryLimit: opts.memoryLimit, signal: opts.signal,
        onProgress: opts.onProgress && ((p) => opts.onProgress!({ ...p, states: states + p.states, seconds: p.seconds + elapsed / 1000 })),
      };
      const run = await explore(u, opts, limits);
      done.set(keyOf(u), run);
      states += run.states;
      if (run.termination !== 'exhausted') { termination = run.termination; break; }
    }
  }
  const runs = units.map((u) => done.get(keyOf(u)) ?? null);
  if (termination !== 'exhausted') notes.push(...unfinishedNotes(cfg, units, runs, termination, opts.symmetry === true));
  const storeBytes = Math.max(0, ...[...done.values()].map((r) => r.storeBytes));

  const full = new DvipaModel(cfg, false, false, false);
  const violations = new Map<string, { message: string; trace: Trace }>();
  const decided = new Set<string>();
  for (const p of props) {
    const mine = units.map((u, k) => ({ u, run: runs[k]!, k })).filter((x) => x.u.props.includes(p));
    const hits = mine.filter((x) => x.run?.found.has(p.name));
    if (hits.length === 0) {
      if (mine.every((x) => x.run?.termination === 'exhausted')) decided.add(p.name);
      continue;
    }
    const shortest = Math.min(...hits.map((x) => x.run.found.get(p.name)!.length));
    let best: Edge[] | null = null;
    // A slice's own first shortest path is its representative's, or found by a BFS bounded to its
    // length; slices with the same ordered key share it (the same paths by index), so a site's
    // hundreds of alike slices cost one BFS per ordered key and a replay each on the full model.
    const byOrder = new Map<string, SliceStep[]>();
    for (const x of hits) {
      const f = x.run.found.get(p.name)!;
      if (f.length !== shortest) continue;
      let steps = byOrder.get(x.u.slice.orderedKey);
      if (!steps) {
        const own = reps.get(keyOf(x.u)) === x.u && f.edges ? f.edges : await shortestEdges(x.u, p, shortest, opts.sources);
        byOrder.set(x.u.slice.orderedKey, (steps = sliceSteps(x.u.slice.cfg, own)));
      }
      const edges = fullEdgesOf(full, x.u.slice.cfg, steps);
      if (best === null || lexLess(edges, best)) best = edges;
    }
    const path = replay(full, 0, best!);
    if (!path) throw new Error(`internal error: the counterexample of '${p.name}' found on a slice does not replay on the full model`);
    const trace = buildTrace(full, path, props, opts.sources);
    const v = trace.steps[trace.steps.length - 1]!.violations.find((x) => x.property === p.name);
    if (!v) throw new Error(`internal error: the counterexample of '${p.name}' found on a slice does not violate it on the full model`);
    violations.set(p.name, { message: v.message, trace });
    decided.add(p.name);
  }

  const slices = units.map((u, k) => {
    const r = runs[k];
    return { dvipa: u.label, states: r?.states ?? 0, transitions: r?.transitions ?? 0, depth: r?.depth ?? 0, complete: r?.termination === 'exhausted' };
  });
  return {
    violations, decided, termination, notes, slices, storeBytes,
    states: slices.reduce((n, s) => n + s.states, 0),
    transitions: slices.reduce((n, s) => n + s.transitions, 0),
    depth: slices.reduce((n, s) => Math.max(n, s.depth), 0),
    seconds: (performance.now() - t0) / 1000,
  };
}

const LIMIT: Partial<Record<Termination, string>> = { stateLimit: 'the --max-states limit', timeout: 'the --timeout limit', memory: 'the memory limit', interrupted: 'the interruption' };

/**
 * Which slices a limit cut (D-246): each slice that was being explored, with its size and, for a
 * distributed DVIPA, why it is large (every target's connections are in its state), and how many
 * slices were not explored at all. The verdicts do not change; the user learns what to split.
 */
function unfinishedNotes(cfg: Config, units: readonly Unit[], runs: readonly (Run | null)[], hit: Termination, symmetry: boolean): string[] {
  const notes: string[] = [];
  let notStarted = 0;
  const same = new Map<Run, string[]>(); // isomorphic slices share one run (D-57): named once
  units.forEach((u, k) => {
    const r = runs[k];
    if (r && r.states > 0 && r.termination !== 'exhausted') same.set(r, [...(same.get(r) ?? []), u.label]);
  });
  units.forEach((u, k) => {
    const r = runs[k];
    if (r === null || r === undefined || r.states === 0) { notStarted++; return; }
    if (r.termination === 'exhausted' || same.get(r)![0] !== u.label) return;
    const others = same.get(r)!.length - 1;
    const sc = u.slice.cfg;
    let why = '';
    if (u.slice.dvipas.length === 1) {
      const a = u.slice.dvipas[0]!;
      const defStacks = sc.stacks.flatMap((st, i) => (st.defs.some((d) => d.address === a) ? [i] : []));
      const info = distInfo(sc, a, defStacks);
      if (info) {
        const all = sc.stacks.some((st) => st.distributes.some((d) => d.address === a && d.destip === 'ALL'));
        const pairs = sc.clients.length * info.targetStacks.length;
        const kk = sc.environment.maxConnections;
        // D-247: --symmetry would count identical targets once; said only when it applies to this slice
        const sym = !symmetry && new Symmetry(sc, new Layout(sc)).active ? '; --symmetry counts targets of identical configuration once (D-247)' : '';
        why = `; ${a} is distributed to ${info.targetStacks.length} target(s)${all ? ' (DESTIP ALL)' : ''} with ${sc.clients.length} client(s), and the state holds a connection count (0..${kk}) per client and target: up to ${kk + 1}^${pairs} combinations of them (inherent, SEMANTICS §13); a DESTIP list of fewer targets checks such a DVIPA exhaustively, --mode both adds random walks after the search${sym}`;
      }
    }
    notes.push(`${LIMIT[hit] ?? hit} was reached in the slice of ${u.label}${others ? ` (and ${others} slice(s) the same up to names)` : ''} (${sc.stacks.length} of ${cfg.stacks.length} stacks): ${r.states.toLocaleString('en')} states at depth ${r.depth}, not finished${why}`);
  });
  if (notStarted > 0) notes.push(`${notStarted} of ${units.length} slice(s) were not explored; --slice i/n checks a share of the slices per run`);
  return notes;
}

export interface SlicedRandomOptions {
  readonly runs: number; readonly depth: number; readonly seed: number; readonly path?: string; readonly minimize?: boolean;
  /** Milliseconds. */
  readonly timeLimit?: number;
  readonly signal?: AbortSignal;
  /** Resident-set limit in bytes (the walks stop, `memory`). */
  readonly memoryLimit?: number;
  readonly sources?: ReadonlyMap<string, string>;
  readonly share?: readonly [number, number];
  /** Properties already decided (by a BFS before): not walked for. */
  readonly skip?: ReadonlySet<string>;
  /** Slices (by DVIPA label) a BFS before explored completely: nothing is left to find there (D-288). */
  readonly explored?: ReadonlySet<string>;
  readonly onProgress?: (p: { runs: number; steps: number; states: number; seconds: number }) => void;
}

export interface SlicedRandomResult {
  readonly violations: Map<string, { message: string; trace: Trace; replay: { seed: number; path: string; slice: string } }>;
  readonly runs: number; readonly steps: number; readonly states: number; readonly seconds: number; readonly interrupted: boolean;
  /** The slices walked, each with its distinct states seen and steps taken (D-203); their sums are `states` and `steps`. */
  readonly slices: readonly SliceReport[];
  /** The memory limit ended the walks. */
  readonly memory: boolean;
}

/**
 * Random walks on each slice (isomorphic slices once): a step costs what the slice costs, not the
 * whole sysplex. Unit k of N walks from seed shardSeed(seed, k), or from the seed as given with
 * --path, so `--slice k/N --seed S --path P` replays one counterexample. A counterexample is
 * rebuilt on the full model (D-56's mapping); with `minimize`, first shortened exactly on its slice.
 */
export async function slicedRandom(cfg: Config, props: readonly Property[], opts: SlicedRandomOptions): Promise<SlicedRandomResult> {
  const t0 = performance.now();
  const all = planUnits(cfg, props, []);
  const n = all.length;
  const picked = all.map((u, k) => ({ u, k })).filter(({ k }) => !opts.share || k % opts.share[1] === opts.share[0] - 1);
  const full = new DvipaModel(cfg, false, false, false);
  const violations: SlicedRandomResult['violations'] = new Map();
  const done = new Set<string>();
  let runs = 0, steps = 0, states = 0, interrupted = false, memory = false;
  const slices: SliceReport[] = [];
  for (const { u, k } of picked) {
    if (done.has(`${u.slice.key}|${u.props.map((p) => p.name).join(',')}`)) continue;
    done.add(`${u.slice.key}|${u.props.map((p) => p.name).join(',')}`);
    if (opts.explored?.has(u.label)) continue;
    const todo = u.props.filter((p) => !violations.has(p.name) && !opts.skip?.has(p.name));
    if (todo.length === 0) continue;
    const left = opts.timeLimit === undefined ? undefined : opts.timeLimit - (performance.now() - t0);
    if ((left !== undefined && left <= 0) || opts.signal?.aborted) { interrupted = true; break; }
    const model = withinLimits(() => new DvipaModel(u.slice.cfg), left === undefined ? undefined : performance.now() + left, opts.memoryLimit);
    if (isLimitHit(model)) { interrupted = true; memory = model.hit === 'memory'; break; }
    const seed = opts.path ? opts.seed : shardSeed(opts.seed, k);
    const before = { runs, steps, states };
    const r = await randomWalks(model, bindProperties(model, todo, opts.sources), {
      runs: opts.runs, depth: opts.depth, seed, path: opts.path, timeLimit: left, signal: opts.signal, memoryLimit: opts.memoryLimit,
      onProgress: opts.onProgress && ((p) => opts.onProgress!({ runs: before.runs + p.runs, steps: before.steps + p.steps, states: before.states + p.states, seconds: (performance.now() - t0) / 1000 })),
    });
    runs += r.runs; steps += r.steps; states += r.states;
    slices.push({ dvipa: u.label, states: r.states, transitions: r.steps, depth: opts.depth, complete: false });
    for (const f of r.findings) {
      const p = todo.find((q) => q.name === f.property)!;
      const edges = opts.minimize ? await minimizedEdges(full, all, u, p, f.edges.length, opts.sources) : fullEdges(full, u.slice.cfg, f.edges);
      const path = replay(full, 0, edges);
      if (!path) throw new Error(`internal error: a random-walk counterexample of '${p.name}' does not replay on the full model`);
      const built = buildTrace(full, path, props, opts.sources);
      // D-318: on the full model another DVIPA may violate the property earlier on the same path (the walk
      // saw only its slice); the counterexample ends at the first violation, as a walk of the full product would
      const first = built.steps.findIndex((s) => s.violations.some((x) => x.property === p.name));
      if (first < 0) throw new Error(`internal error: a random-walk counterexample of '${p.name}' does not violate it on the full model`);
      const trace = { ...built, steps: built.steps.slice(0, first + 1) };
      const v = trace.steps[first]!.violations.find((x) => x.property === p.name)!;
      violations.set(p.name, { message: v.message, trace, replay: { seed: f.seed, path: f.path, slice: `${k + 1}/${n}` } });
    }
    if (r.interrupted) { interrupted = true; memory = r.memory; break; }
  }
  return { violations, runs, steps, states, slices, seconds: (performance.now() - t0) / 1000, interrupted, memory };
}

/**
 * BFS of one unit (over worker threads when asked); keeps the (slice) path of each violation when
 * it is exact (no symmetry).
 */
async function explore(u: Unit, opts: SlicedOptions, limits: BfsOptions): Promise<Run> {
  // building the slice's model is held to the limits too (a slice may hold every stack)
  const deadline = limits.timeout === undefined ? undefined : performance.now() + limits.timeout;
  const model = withinLimits(() => new DvipaModel(u.slice.cfg, false, opts.symmetry === true), deadline, limits.memoryLimit);
  if (isLimitHit(model)) return { termination: model.hit, states: 0, transitions: 0, depth: 0, storeBytes: 0, found: new Map() };
  const args: WorkerArgs = { cfg: u.slice.cfg, only: u.props.map((p) => p.name), skip: [], modules: opts.modules ?? [], symmetry: model.symmetry !== null };
  const res = (opts.workers ?? 1) > 1
    ? await parallelBfs(model, { url: builtUrl('./worker-model.js', import.meta.url).href, args }, opts.workers!, limits).catch((e: unknown) => propertyFailureOf(e, opts.sources))
    : await bfs(model, bindProperties(model, u.props, opts.sources), limits);
  const found = new Map<string, Found>();
  for (const [name, d] of res.discoveries) {
    const path = res.path(d);
    found.set(name, { length: path.steps.length, edges: model.symmetry ? null : path.steps.map((s) => ({ action: s.action, choice: s.choice })) });
  }
  return { termination: res.termination, states: res.states, transitions: res.transitions, depth: res.depth, storeBytes: res.storeBytes, found };
}

/** The first shortest violation of p on the unit's own slice, by a BFS bounded to its length. */
async function shortestEdges(u: Unit, p: Property, length: number, sources?: ReadonlyMap<string, string>): Promise<Edge[]> {
  const e = await boundedShortest(u, p, length, sources);
  if (!e) throw new Error(`internal error: an isomorphic slice (${u.label}) does not violate '${p.name}'`);
  return e;
}

/** The slice path of a shortest violation of p within `length` steps, or null when there is none. */
async function boundedShortest(u: Unit, p: Property, length: number, sources?: ReadonlyMap<string, string>): Promise<Edge[] | null> {
  const model = new DvipaModel(u.slice.cfg);
  const res = await bfs(model, bindProperties(model, [p], sources), { maxDepth: length, stopWhenAllViolated: true });
  const d = res.discoveries.get(p.name);
  return d ? res.path(d).steps.map((s) => ({ action: s.action, choice: s.choice })) : null;
}

/**
 * D-319: `--minimize` shortens a counterexample exactly over every slice that checks p, not only
 * the one whose walk found it (a shorter one may lie in a slice the walks never reached for p), and
 * picks as the BFS does (shortest, then least on the full model): the same length as `--no-slice`.
 */
async function minimizedEdges(full: DvipaModel, all: readonly Unit[], u: Unit, p: Property, length: number, sources?: ReadonlyMap<string, string>): Promise<Edge[]> {
  let best = fullEdges(full, u.slice.cfg, await shortestEdges(u, p, length, sources));
  const none = new Map<string, number>(); // slice key -> no violation within this many steps
  // ordered key -> the first shortest path within the bound it was searched with (D-321); the
  // bound only shrinks, so a path found stays the first shortest while it fits
  const found = new Map<string, SliceStep[]>();
  for (const w of all) {
    if (w === u || !w.props.includes(p)) continue;
    const key = w.slice.key;
    if ((none.get(key) ?? -1) >= best.length) continue;
    let steps = found.get(w.slice.orderedKey);
    if (!steps) {
      const e = await boundedShortest(w, p, best.length, sources);
      if (!e) { none.set(key, best.length); continue; }
      found.set(w.slice.orderedKey, (steps = sliceSteps(w.slice.cfg, e)));
    }
    if (steps.length > best.length) continue;
    const cand = fullEdgesOf(full, w.slice.cfg, steps);
    if (cand.length < best.length || (cand.length === best.length && lexLess(cand, best))) best = cand;
  }
  return best;
}
