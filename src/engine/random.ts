import fc from 'fast-check';
import { fingerprint, FingerprintSet } from './fingerprint-set.js';
import { expander, type EngineProperty, type PackedModel } from './model.js';

export interface RandomOptions {
  readonly runs: number;
  readonly depth: number;
  readonly seed: number;
  /** fast-check replay path (with the seed that produced it): goes straight to the counterexample. */
  readonly path?: string;
  readonly onProgress?: (p: { runs: number; steps: number; states: number; seconds: number }) => void;
  /** Milliseconds; the walks stop (interrupted) when it runs out. */
  readonly timeLimit?: number;
  /** Ctrl-C: the walks stop (interrupted). */
  readonly signal?: AbortSignal;
  /** Resident-set limit in bytes: the walks stop (interrupted, `memory`) above it. */
  readonly memoryLimit?: number;
}

export interface WalkResult {
  readonly edges: { action: number; choice: number }[];
  readonly violation: { property: string; message: string } | null;
}

export interface RandomFinding {
  readonly property: string;
  readonly message: string;
  readonly edges: { action: number; choice: number }[];
  /** Seed and path that make fast-check replay this counterexample directly. */
  readonly seed: number;
  readonly path: string;
}

export interface RandomResult {
  readonly findings: RandomFinding[];
  readonly runs: number;
  readonly steps: number;
  /** Distinct states visited by the walks. */
  readonly states: number;
  readonly seconds: number;
  /** A limit (time, memory) or Ctrl-C ended the walks. */
  readonly interrupted: boolean;
  /** The memory limit ended them. */
  readonly memory: boolean;
}

/**
 * Walks the model along a list of choice numbers: step i takes enabled[c % enabled.length] among
 * the enabled (action, successor) pairs in canonical order, so every shrunk walk is still a walk.
 * Checks every active property at every step and stops at the first violation.
 */
export function walk(model: PackedModel, props: readonly EngineProperty[], choices: readonly number[], seen?: FingerprintSet, init?: Uint8Array): WalkResult & { steps: number } {
  let cur: Uint8Array = (init ?? model.initialStates()[0]!).slice();
  const edges: { action: number; choice: number }[] = [];
  const fp = new Int32Array(2);
  const words = model.stateBytes >>> 2;
  const note = (s: Uint8Array): void => {
    if (!seen) return;
    fingerprint(new Uint32Array(s.buffer, s.byteOffset, words), fp);
    seen.add(fp[0]!, fp[1]!);
  };
  note(cur);
  for (const p of props) {
    const m = p.state?.(cur) ?? null;
    if (m !== null) return { edges, violation: { property: p.name, message: m }, steps: 0 };
  }
  const expand = expander(model);
  // Successors are copied into buffers reused from step to step (no allocation per successor).
  const pool: Uint8Array[] = [];
  const actions: number[] = [];
  const picks: number[] = [];
  let count = 0;
  const collect = (s: Uint8Array, action: number, choice: number): void => {
    if (count === pool.length) pool.push(new Uint8Array(s.length));
    pool[count]!.set(s);
    actions[count] = action;
    picks[count] = choice;
    count++;
  };
  cur = cur.slice();
  for (const c of choices) {
    count = 0;
    expand(cur, collect);
    if (count === 0) break;
    const k = c % count;
    const next = pool[k]!;
    const label = { action: actions[k]!, choice: picks[k]! };
    edges.push(label);
    for (const p of props) {
      if (!p.step) continue;
      const m = p.step(cur, label.action, next);
      if (m !== null) return { edges, violation: { property: p.name, message: m }, steps: edges.length };
    }
    model.canonicalize?.(next);
    note(next);
    for (const p of props) {
      if (!p.state) continue;
      const m = p.state(next);
      if (m !== null) return { edges, violation: { property: p.name, message: m }, steps: edges.length };
    }
    cur.set(next);
  }
  return { edges, violation: null, steps: edges.length };
}

/** D-297: the words that mark a --path that does not replay (the CLI makes it a usage error, exit 2). */
const BAD_PATH = 'does not replay with';
export const isBadPath = (e: unknown): boolean => e instanceof Error && /^--path \S+ does not replay with /.test(e.message);

/** Seed of shard i of n: disjoint streams from one campaign seed. */
export function shardSeed(seed: number, shard: number): number {
  return (seed + Math.imul(shard, 0x9e3779b1)) | 0;
}

/**
 * Property-based random walks with fast-check: each round shrinks the first violation it finds,
 * records its property and goes on with the others, until a round of `runs` walks finds nothing.
 */
export async function randomWalks(model: PackedModel, props: readonly EngineProperty[], opts: RandomOptions): Promise<RandomResult> {
  const t0 = performance.now();
  const seen = new FingerprintSet(1 << 12);
  const init = model.initialStates()[0]!;
  const findings: RandomFinding[] = [];
  let active = props.slice();
  let runs = 0;
  let steps = 0;
  let lastReport = t0;
  let round = 0;
  let interrupted = false;
  let memory = opts.memoryLimit !== undefined && process.memoryUsage.rss() > opts.memoryLimit;
  let lastYield = t0;
  while (active.length > 0 && !opts.signal?.aborted && !memory) {
    const left = opts.timeLimit === undefined ? Infinity : opts.timeLimit - (performance.now() - t0);
    if (left <= 0) { interrupted = true; break; }
    const seed = round === 0 ? opts.seed : shardSeed(opts.seed, 7919 * round);
    const arb = fc.array(fc.nat(), { maxLength: opts.depth, size: 'max' });
    const property = fc.asyncProperty(arb, async (choices) => {
      // Ctrl-C or the memory limit: end the run now. Returning true would let fast-check go through
      // every remaining run without yielding to the event loop again; a throw ends it (the
      // shrinking that follows fails at once on every candidate), and the result is then discarded.
      if (opts.signal?.aborted || memory) { interrupted = true; throw new Error('interrupted'); }
      if (performance.now() - lastYield > 50) {
        await new Promise((res) => setImmediate(res));
        lastYield = performance.now();
        if (opts.memoryLimit !== undefined && process.memoryUsage.rss() > opts.memoryLimit) { memory = true; interrupted = true; throw new Error('memory'); }
      }
      const r = walk(model, active, choices, seen, init);
      runs++;
      steps += r.steps;
      const now = performance.now();
      if (opts.onProgress && now - lastReport > 2000) {
        lastReport = now;
        opts.onProgress({ runs, steps, states: seen.size, seconds: (now - t0) / 1000 });
      }
      return r.violation === null;
    });
    const params: fc.Parameters<[number[]]> = { numRuns: opts.runs, seed };
    if (round === 0 && opts.path) params.path = opts.path;
    if (Number.isFinite(left)) params.plugins = [fc.interruptAfterTimeLimit(Math.max(1, Math.floor(left))) as fc.Plugin<[number[]]>];
    let out: Awaited<ReturnType<typeof fc.check<[number[]]>>>;
    try {
      out = await fc.check(property, params);
    } catch (e) {
      // D-297: a --path that leads nowhere in this spec's walks (another spec, seed or --depth, or edited)
      if (params.path !== undefined && e instanceof Error && /^Unable to replay/.test(e.message)) throw new Error(`--path ${params.path.length > 40 ? `${params.path.slice(0, 40)}...` : params.path} ${BAD_PATH} seed ${seed} and --depth ${opts.depth}: it is not a counterexample path of this spec's random walks; give the --seed, --depth and spec it was printed with`);
      throw e;
    }
    if (interrupted || (out.interrupted && !out.failed)) { interrupted = true; break; }
    if (!out.failed || !out.counterexample) break;
    const r = walk(model, active, out.counterexample[0]);
    if (!r.violation) break;
    findings.push({ ...r.violation, edges: r.edges, seed, path: out.counterexamplePath ?? '' });
    active = active.filter((p) => p.name !== r.violation!.property);
    if (round === 0 && opts.path) break;
    round++;
  }
  return { findings, runs, steps, states: seen.size, seconds: (performance.now() - t0) / 1000, interrupted: interrupted || memory, memory };
}
