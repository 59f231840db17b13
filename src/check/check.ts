import { bfs, type Progress } from '../engine/bfs.js';
import type { Termination } from '../engine/model.js';
import { DvipaModel } from '../model/model.js';
import type { Property } from '../properties/api.js';
import { bindProperties } from '../properties/bind.js';
import type { Config } from '../spec/config.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { selectProperties } from './select.js';
import { buildTrace, type Trace } from './trace.js';

export interface CheckOptions {
  readonly maxStates?: number;
  /** Seconds. */
  readonly timeout?: number;
  readonly memoryLimit?: number;
  readonly only?: readonly string[] | null;
  readonly skip?: readonly string[] | null;
  /** Properties besides the built-ins (loaded modules). */
  readonly extraProperties?: readonly Property[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
}

export interface PropertyResult {
  name: string;
  status: 'holds' | 'violated' | 'unknown';
  message?: string;
  trace?: Trace;
}

/** One spec's report (SPEC §4 `check --format json`). */
export interface CheckReport {
  spec: string;
  result: 'pass' | 'fail' | 'incomplete';
  complete: boolean;
  states: number;
  transitions: number;
  depth: number;
  seconds: number;
  properties: PropertyResult[];
  /** Why the exploration ended: exhausted, stateLimit, timeout, memory, interrupted. */
  termination: Termination;
  /** With an `expect` block: the violated set it asks for, and whether it was met. */
  expect?: { violated: string[]; met: boolean };
  storeBytes: number;
}

export function allProperties(extra: readonly Property[] = []): Property[] {
  return [...BUILTIN_PROPERTIES, ...extra];
}

/** Explores every reachable state of the spec's sysplex (BFS) and checks the selected properties. */
export async function check(cfg: Config, opts: CheckOptions = {}): Promise<CheckReport> {
  const props = selectProperties(allProperties(opts.extraProperties), cfg, opts.only, opts.skip);
  const model = new DvipaModel(cfg);
  const res = await bfs(model, bindProperties(model, props), {
    maxStates: opts.maxStates, timeout: opts.timeout === undefined ? undefined : opts.timeout * 1000,
    memoryLimit: opts.memoryLimit, signal: opts.signal, onProgress: opts.onProgress,
  });
  const complete = res.termination === 'exhausted';
  const properties: PropertyResult[] = props.map((p) => {
    const d = res.discoveries.get(p.name);
    if (!d) return { name: p.name, status: complete ? 'holds' : 'unknown' };
    return { name: p.name, status: 'violated', message: d.message, trace: buildTrace(model, res.path(d), props) };
  });
  return finishReport(cfg, props.map((p) => p.name), {
    spec: cfg.file, complete, states: res.states, transitions: res.transitions, depth: res.depth,
    seconds: Math.round(res.seconds * 1000) / 1000, properties, termination: res.termination, storeBytes: res.storeBytes,
  });
}

/** Sets `result` from the verdicts, the completeness and the spec's `expect` block (D-41). */
export function finishReport(cfg: Config, selected: readonly string[], r: Omit<CheckReport, 'result'>): CheckReport {
  const violated = r.properties.filter((p) => p.status === 'violated').map((p) => p.name);
  if (!cfg.expect) {
    const result = violated.length > 0 ? 'fail' : r.complete ? 'pass' : 'incomplete';
    return { ...r, result };
  }
  const want = cfg.expect.violated.filter((n) => selected.includes(n));
  const unexpected = violated.some((n) => !want.includes(n));
  const equal = !unexpected && want.every((n) => violated.includes(n));
  const result = unexpected || (r.complete && !equal) ? 'fail' : r.complete ? 'pass' : 'incomplete';
  return { ...r, result, expect: { violated: want, met: r.complete && equal } };
}
