import { bfs, type BfsOptions, type Progress } from '../engine/bfs.js';
import { replay, type Termination } from '../engine/model.js';
import { DvipaModel } from '../model/model.js';
import type { Property } from '../properties/api.js';
import { bindProperties } from '../properties/bind.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { sliceConfig, type Slice } from './slice.js';
import { fullEdges, lexLess, type Edge } from './slice-trace.js';
import { buildTrace, type Trace } from './trace.js';

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
  const addresses = [...new Set(cfg.stacks.flatMap((st) => st.defs.map((d) => d.address)))];
  const each = props.filter((p) => BUILTIN.has(p));
  const units: Unit[] = each.length === 0 ? [] : addresses.map((a) => ({ slice: sliceConfig(cfg, [a]), label: a, props: each }));
  const lists = new Map<string, Property[]>();
  const whole: Property[] = [];
  for (const p of props) {
    if (BUILTIN.has(p)) continue;
    const dv = p.dvipas;
    if (dv === undefined) notes.push(`property '${p.name}' declares no DVIPAs: checked on the full model (declare dvipas: ['<address>', ...] or dvipas: 'all' in its definition)`);
    const known = Array.isArray(dv) ? dv.filter((a) => addresses.includes(a)) : [];
    if (dv === undefined || dv === 'all' || known.length === 0) { whole.push(p); continue; }
    const key = [...known].sort().join(',');
    lists.set(key, [...(lists.get(key) ?? []), p]);
  }
  for (const [key, ps] of lists) units.push({ slice: sliceConfig(cfg, key.split(',')), label: key, props: ps });
  if (whole.length > 0) {
    const full: Slice = { dvipas: addresses, cfg, stacks: cfg.stacks.map((_, i) => i), key: 'full' };
    units.push({ slice: full, label: 'all', props: whole });
  }
  return units;
}

/** Explores each unit's slice (isomorphic slices once), then rebuilds each violated property's shortest trace on the full model. */
export async function slicedBfs(cfg: Config, props: readonly Property[], opts: SlicedOptions = {}): Promise<SlicedResult> {
  const t0 = performance.now();
  const notes: string[] = [];
  let units = planUnits(cfg, props, notes);
  if (opts.share) { const [i, n] = opts.share; units = units.filter((_, k) => k % n === i - 1); }
  const classes = new Map<string, { run: Run; rep: Unit }>();
  const runs: (Run | null)[] = [];
  let termination: Termination = 'exhausted';
  let states = 0;
  let storeBytes = 0;
  for (const u of units) {
    const key = `${u.slice.key}|${u.props.map((p) => p.name).join(',')}`;
    let cls = classes.get(key);
    if (!cls && termination === 'exhausted') {
      const elapsed = performance.now() - t0;
      const limits: BfsOptions = {
        maxStates: opts.maxStates === undefined ? undefined : opts.maxStates - states,
        timeout: opts.timeout === undefined ? undefined : Math.max(0, opts.timeout - elapsed),
        memoryLimit: opts.memoryLimit, signal: opts.signal,
        onProgress: opts.onProgress && ((p) => opts.onProgress!({ ...p, states: states + p.states, seconds: p.seconds + elapsed / 1000 })),
      };
      const run = await explore(u, opts, limits);
      cls = { run, rep: u };
      classes.set(key, cls);
      if (run.termination !== 'exhausted') termination = run.termination;
    }
    const run = cls?.run ?? null;
    runs.push(run);
    if (run) { states += run.states; storeBytes = Math.max(storeBytes, run.storeBytes); }
  }

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
    for (const x of hits) {
      const f = x.run.found.get(p.name)!;
      if (f.length !== shortest) continue;
      const key = `${x.u.slice.key}|${x.u.props.map((q) => q.name).join(',')}`;
      const own = classes.get(key)!.rep === x.u && f.edges ? f.edges : await shortestEdges(x.u, p, shortest, opts.sources);
      const edges = fullEdges(full, x.u.slice.cfg, own);
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

/** BFS of one unit; keeps the (slice) path of each violation when it is exact (no symmetry). */
async function explore(u: Unit, opts: SlicedOptions, limits: BfsOptions): Promise<Run> {
  const model = new DvipaModel(u.slice.cfg, false, opts.symmetry === true);
  const res = await bfs(model, bindProperties(model, u.props, opts.sources), limits);
  const found = new Map<string, Found>();
  for (const [name, d] of res.discoveries) {
    const path = res.path(d);
    found.set(name, { length: path.steps.length, edges: model.symmetry ? null : path.steps.map((s) => ({ action: s.action, choice: s.choice })) });
  }
  return { termination: res.termination, states: res.states, transitions: res.transitions, depth: res.depth, storeBytes: res.storeBytes, found };
}

/** The first shortest violation of p on the unit's own slice, by a BFS bounded to its length. */
async function shortestEdges(u: Unit, p: Property, length: number, sources?: ReadonlyMap<string, string>): Promise<Edge[]> {
  const model = new DvipaModel(u.slice.cfg);
  const res = await bfs(model, bindProperties(model, [p], sources), { maxDepth: length, stopWhenAllViolated: true });
  const d = res.discoveries.get(p.name);
  if (!d) throw new Error(`internal error: an isomorphic slice (${u.label}) does not violate '${p.name}'`);
  return res.path(d).steps.map((s) => ({ action: s.action, choice: s.choice }));
}
