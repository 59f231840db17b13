import { PropertyChecks } from './checks.js';
import { ChunkedEdges, ChunkedU32, StateLayer } from './chunked.js';
import { fingerprint, FingerprintSet } from './fingerprint-set.js';
import { expander, replay, type Discovery, type EngineProperty, type PackedModel, type Path, type Termination } from './model.js';

export interface BfsOptions {
  readonly maxStates?: number;
  /** Milliseconds. */
  readonly timeout?: number;
  readonly maxDepth?: number;
  /** Resident-set limit in bytes; the run ends cleanly (termination 'memory') above it. */
  readonly memoryLimit?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
  readonly progressEveryMs?: number;
  /** End the search as soon as every property has a violation (bounded minimisation). */
  readonly stopWhenAllViolated?: boolean;
}

export interface Progress { depth: number; transitions: number; states: number; queue: number; seconds: number }

export interface BfsResult {
  readonly termination: Termination;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  /** Property name -> its first (shortest) violation, in the order found. */
  readonly discoveries: ReadonlyMap<string, Discovery>;
  /** Bytes held for visited states (fingerprint table, parents, edges) at the end. */
  readonly storeBytes: number;
  /** Parallel search: rounds of expansion (one a layer, more when the shared table had to grow mid-layer). */
  readonly rounds?: number;
  path(d: Discovery): Path;
}

const CHOICE_BITS = 10;

/**
 * Exhaustive breadth-first search storing a 64-bit fingerprint, a parent and an edge per state
 * (as Stateright and TLC do); the shortest trace to each violation is rebuilt by replay.
 */
export async function bfs(model: PackedModel, props: readonly EngineProperty[], opts: BfsOptions = {}): Promise<BfsResult> {
  const t0 = performance.now();
  const words = model.stateBytes >>> 2;
  const seen = new FingerprintSet(1 << 12);
  const parent = new ChunkedU32();
  const edge = new ChunkedEdges();
  const discoveries = new Map<string, Discovery>();
  const checks = new PropertyChecks(props);
  const fp = new Int32Array(2);
  const maxStates = opts.maxStates ?? Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  let transitions = 0;
  let termination: Termination = 'exhausted';
  const canonicalize = model.canonicalize?.bind(model);

  const checkState = (s: Uint8Array, id: number): void => {
    const k = checks.state(s);
    if (k < 0) return;
    for (const v of checks.stateViolations(s, k)) discoveries.set(v.name, { property: v.name, message: v.message, stateId: id, step: null });
  };

  let layer = new StateLayer(words, model.smallFields === true);
  const inits = model.initialStates();
  for (const s of inits) {
    const w32 = new Uint32Array(s.buffer, s.byteOffset, words);
    fingerprint(w32, fp);
    if (!seen.add(fp[0]!, fp[1]!)) continue;
    const id = parent.length;
    parent.push(0xffffffff);
    edge.push(inits.indexOf(s));
    layer.push(w32);
    checkState(s, id);
  }
  const nInit = parent.length;

  const cur32 = new Uint32Array(words);
  const cur = new Uint8Array(cur32.buffer);
  let curId = 0;
  let depth = 0;
  let next = new StateLayer(words, model.smallFields === true);
  let full = false;
  /** The successor array last seen and a 32-bit view of it (`s.buffer` is a call into the runtime: measured 3.5% of the search). */
  let lastS: Uint8Array | null = null;
  let next32: Uint32Array<ArrayBufferLike> = new Uint32Array(0);

  const emit = (s: Uint8Array, action: number, choice: number): void => {
    transitions++;
    if (s !== lastS) { lastS = s; next32 = new Uint32Array(s.buffer, s.byteOffset, words); }
    const k = checks.step(cur, action, s, cur32, next32);
    if (k >= 0) {
      for (const v of checks.stepViolations(cur, action, s, cur32, next32, k)) discoveries.set(v.name, { property: v.name, message: v.message, stateId: curId, step: { action, choice } });
    }
    if (canonicalize) canonicalize(s);
    fingerprint(next32, fp);
    if (full) return;
    if (!seen.add(fp[0]!, fp[1]!)) return;
    const id = parent.length;
    parent.push(curId);
    edge.push((action << CHOICE_BITS) | choice);
    next.push(next32);
    checkState(s, id);
    if (parent.length >= maxStates) full = true;
  };

  const expand = expander(model);

  let firstId = 0;
  let lastProgress = performance.now();
  let sliceStart = performance.now();
  const progressEvery = opts.progressEveryMs ?? 2000;
  const progress = (): Progress => ({ depth, transitions, states: parent.length, queue: layer.count + next.count, seconds: (performance.now() - t0) / 1000 });

  if (layer.count > 0 && parent.length >= maxStates) termination = 'stateLimit'; // the initial states alone reach it
  if (opts.signal?.aborted) termination = 'interrupted'; // Ctrl-C came before: the slices left of a pool end at once
  outer: while (layer.count > 0 && termination === 'exhausted') {
    if (depth >= maxDepth) { termination = 'depthLimit'; break; }
    for (let k = 0; k < layer.count; k++) {
      if ((k & 255) === 0) {
        const now = performance.now();
        if (opts.timeout !== undefined && now - t0 > opts.timeout) { termination = 'timeout'; break outer; }
        if (now - sliceStart > 50) {
          await new Promise((r) => setImmediate(r));
          sliceStart = performance.now();
          if (opts.signal?.aborted) { termination = 'interrupted'; break outer; }
          if (opts.memoryLimit !== undefined && process.memoryUsage.rss() > opts.memoryLimit) { termination = 'memory'; break outer; }
          if (opts.onProgress && sliceStart - lastProgress > progressEvery) { lastProgress = sliceStart; opts.onProgress(progress()); }
        }
      }
      layer.read(k, cur32);
      curId = firstId + k;
      expand(cur, emit);
      if (full) { termination = 'stateLimit'; break outer; }
      if (opts.stopWhenAllViolated && discoveries.size === props.length) break outer;
    }
    firstId += layer.count;
    layer = next;
    next = new StateLayer(words, model.smallFields === true);
    if (layer.count > 0) depth++;
  }
  if (termination === 'exhausted' && full) termination = 'stateLimit';
  const seconds = (performance.now() - t0) / 1000;
  opts.onProgress?.(progress());

  const pathTo = (id: number): { initIndex: number; edges: { action: number; choice: number }[] } => {
    const edges: { action: number; choice: number }[] = [];
    while (id >= nInit) {
      const e = edge.get(id);
      edges.push({ action: e >>> CHOICE_BITS, choice: e & ((1 << CHOICE_BITS) - 1) });
      id = parent.get(id);
    }
    return { initIndex: edge.get(id), edges: edges.reverse() };
  };
  return {
    termination, states: parent.length, transitions, depth, seconds, discoveries,
    storeBytes: seen.bytes + parent.bytes + edge.bytes,
    path(d: Discovery): Path {
      const p = pathTo(d.stateId);
      if (d.step) p.edges.push(d.step);
      const r = replay(model, p.initIndex, p.edges);
      if (!r) throw new Error('internal error: a stored path does not replay (the model is not deterministic)');
      return r;
    },
  };
}
