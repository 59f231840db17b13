import { Worker } from 'node:worker_threads';
import type { BfsOptions, BfsResult } from './bfs.js';
import { builtUrl } from './built-url.js';
import { SharedLayer } from './chunked.js';
import { FingerprintSet } from './fingerprint-set.js';
import { replay, type Discovery, type PackedModel, type Path, type Termination } from './model.js';

/** How a worker builds the model and properties: a module exporting createWorkerModel(args). */
export interface WorkerFactory { readonly url: string; readonly args: unknown }

const CHOICE_BITS = 10;
const NONE = 0xffffffff;

type Msg = { type: string; [k: string]: unknown };
type Found = { property: string; message: string; gid: number; step: { action: number; choice: number } | null; rank: number; edge: number };

/**
 * Global ranks of the next layer: each worker's states come with keys (parent rank, edge) in
 * ascending order; merged, they give the order the one-thread search would have.
 */
function rankLayer(keys: Uint32Array[]): Uint32Array[] {
  const out = keys.map((k) => new Uint32Array(k.length / 2));
  const pos = keys.map(() => 0);
  for (let g = 0; ; g++) {
    let best = -1;
    for (let j = 0; j < keys.length; j++) {
      const p = pos[j]!;
      if (p * 2 >= keys[j]!.length) continue;
      if (best < 0) { best = j; continue; }
      const a = keys[j]!, b = keys[best]!, q = pos[best]!;
      if (a[2 * p]! < b[2 * q]! || (a[2 * p] === b[2 * q] && a[2 * p + 1]! < b[2 * q + 1]!)) best = j;
    }
    if (best < 0) return out;
    out[best]![pos[best]!++] = g;
  }
}

/** A worker and a queue of replies (the protocol is strictly request / reply). */
class Peer {
  private waiting: ((m: Msg) => void)[] = [];
  private queued: Msg[] = [];
  private failure: Error | null = null;
  constructor(readonly w: Worker) {
    w.on('message', (m: Msg) => { const f = this.waiting.shift(); if (f) f(m); else this.queued.push(m); });
    w.on('error', (e) => { this.failure = e; for (const f of this.waiting.splice(0)) f({ type: 'error', error: e }); });
  }
  next(): Promise<Msg> {
    if (this.failure) return Promise.reject(this.failure);
    const q = this.queued.shift();
    if (q) return Promise.resolve(q);
    return new Promise((res, rej) => this.waiting.push((m) => (m.type === 'error' ? rej(m.error as Error) : res(m))));
  }
  ask(m: Msg, transfer: ArrayBuffer[] = []): Promise<Msg> { this.w.postMessage(m, transfer); return this.next(); }
}

/**
 * Breadth-first search over N worker threads, each owning the states whose fingerprint falls in
 * its share (hash partitioning, as in distributed model checkers) and expanding a contiguous range
 * of each layer. Layers are synchronous and
 * every state keeps the parent of the smallest key (parent's rank in the layer, edge), so counts,
 * depth, verdicts and the very traces equal the one-thread search.
 */
export async function parallelBfs(model: PackedModel, factory: WorkerFactory, n: number, opts: BfsOptions = {}): Promise<BfsResult> {
  const t0 = performance.now();
  const url = builtUrl('./parallel-worker.js', import.meta.url);
  const segments = FingerprintSet.sharedSegments();
  const peers = Array.from({ length: n }, (_, index) => new Peer(new Worker(url, { workerData: { factoryUrl: factory.url, factoryArgs: factory.args, index, count: n, segments } })));
  /** Segments each worker grew in the last phase: the others adopt them before they expand. */
  type Grown = { g: number; buf: SharedArrayBuffer }[];
  let grown: Grown[] = peers.map(() => []);
  const othersGrown = (j: number): Grown => grown.filter((_, i) => i !== j).flat();
  try {
    for (const p of peers) await p.next(); // loaded
    const discoveries = new Map<string, Discovery>();
    /** Per phase, the violation with the smallest key wins, as in the one-thread search. */
    const take = (list: Found[]): void => {
      const best = new Map<string, Found>();
      for (const f of list) {
        const b = best.get(f.property);
        if (!discoveries.has(f.property) && (!b || f.rank < b.rank || (f.rank === b.rank && f.edge < b.edge))) best.set(f.property, f);
      }
      for (const f of best.values()) discoveries.set(f.property, { property: f.property, message: f.message, stateId: f.gid, step: f.step });
    };
    let size = 0;
    let distinct = 0;
    const inits = [];
    for (const p of peers) inits.push(await p.ask({ type: 'init' }));
    grown = inits.map((r) => r.grown as Grown);
    take(inits.flatMap((r) => r.found as Found[]));
    let ranks = rankLayer(inits.map((r) => r.keys as Uint32Array));
    for (const r of ranks) size += r.length;
    distinct = size;
    let transitions = 0;
    let depth = 0;
    let storeBytes = 0;
    let termination: Termination = 'exhausted';
    const maxStates = opts.maxStates ?? Infinity;
    const deadline = opts.timeout !== undefined ? Date.now() + opts.timeout : null;
    const words = model.stateBytes >>> 2;
    while (size > 0) {
      if (depth >= (opts.maxDepth ?? Infinity)) { termination = 'depthLimit'; break; }
      // The layer in one shared buffer, in rank order; worker j then expands the j-th range.
      const layer = SharedLayer.create(size, words, model.smallFields === true);
      await Promise.all(peers.map((p, j) => p.ask({ type: 'place', layer, ranks: ranks[j]!.buffer }, [ranks[j]!.buffer as ArrayBuffer])));
      const disable = [...discoveries.keys()];
      const range = (j: number): number => Math.floor((size * j) / n);
      const expanded = await Promise.all(peers.map((p, j) => p.ask({ type: 'expand', disable, deadline, layer, from: range(j), to: range(j + 1), grown: othersGrown(j) })));
      for (const r of expanded) transitions += r.transitions as number;
      if (expanded.some((r) => r.aborted)) { termination = 'timeout'; break; }
      const received = await Promise.all(peers.map((p, j) => {
        const boxes = expanded.filter((_, i) => i !== j).map((r) => (r.boxes as { buf: ArrayBuffer; n: number }[])[j]!);
        return p.ask({ type: 'receive', boxes }, boxes.map((b) => b.buf));
      }));
      take([...expanded, ...received].flatMap((r) => r.found as Found[]));
      ranks = rankLayer(received.map((r) => r.keys as Uint32Array));
      grown = received.map((r) => r.grown as Grown);
      size = 0;
      distinct = 0;
      storeBytes = 0;
      for (const r of received) { size += r.size as number; distinct += r.distinct as number; storeBytes += r.bytes as number; }
      if (size > 0) depth++;
      opts.onProgress?.({ depth, transitions, states: distinct, queue: size, seconds: (performance.now() - t0) / 1000 });
      if (size > 0 && distinct >= maxStates) { termination = 'stateLimit'; break; }
      if (size > 0 && opts.stopWhenAllViolated && discoveries.size > 0) break;
      if (opts.signal?.aborted) { termination = 'interrupted'; break; }
      if (opts.memoryLimit !== undefined && process.memoryUsage.rss() > opts.memoryLimit) { termination = 'memory'; break; }
      if (deadline !== null && Date.now() > deadline && size > 0) { termination = 'timeout'; break; }
    }
    const seconds = (performance.now() - t0) / 1000;
    const chains = new Map<number, { initIndex: number; edges: { action: number; choice: number }[] }>();
    for (const d of discoveries.values()) {
      const edges: { action: number; choice: number }[] = [];
      let g = d.stateId;
      let initIndex = 0;
      for (;;) {
        const r = await peers[g % n]!.ask({ type: 'parent', gid: g });
        const e = r.edge as number;
        if ((r.parent as number) === NONE) { initIndex = e; break; }
        edges.push({ action: e >>> CHOICE_BITS, choice: e & ((1 << CHOICE_BITS) - 1) });
        g = r.parent as number;
      }
      chains.set(d.stateId, { initIndex, edges: edges.reverse() });
    }
    return {
      termination, states: distinct, transitions, depth, seconds, discoveries, storeBytes,
      path(d: Discovery): Path {
        const c = chains.get(d.stateId)!;
        const r = replay(model, c.initIndex, d.step ? [...c.edges, d.step] : c.edges);
        if (!r) throw new Error('internal error: a stored path does not replay');
        return r;
      },
    };
  } finally {
    await Promise.all(peers.map((p) => p.w.terminate()));
  }
}
