// Long because the layer-synchronous parallel BFS (shared table, segments, rank order, limits, the
// deterministic merge that keeps output identical for any number of workers) is one protocol with its workers.
import { Worker } from 'node:worker_threads';
import type { BfsOptions, BfsResult } from './bfs.js';
import { builtUrl } from './built-url.js';
import { SharedLayer } from './chunked.js';
import { replay, WorkerFailure, type Discovery, type PackedModel, type Path, type Termination } from './model.js';
import { runningBuffer } from './running.js';
import { SEGMENTS, SharedTable } from './shared-table.js';

/** For tests: start from segments of `initialSlots` slots, and with `presize: false` grow them only when a worker's share runs out mid-layer. */
export interface ParallelOptions extends BfsOptions {
  readonly initialSlots?: number;
  readonly presize?: boolean;
  /** For tests: cycle through this many tag phases (at least 2) instead of all, so the table is aged often. */
  readonly phases?: number;
}

/** How a worker builds the model and properties: a module exporting createWorkerModel(args). */
export interface WorkerFactory { readonly url: string; readonly args: unknown }

const CHOICE_BITS = 10;
/** The shared table's tags tell apart at most 127 workers; more threads than that would not help anyway. */
export const MAX_WORKERS = 64;
const NONE = 0xffffffff;

type Msg = { type: string; [k: string]: unknown };
type Found = { property: string; message: string; gid: number; step: { action: number; choice: number } | null; rank: number; edge: number };

/** A worker and a queue of replies (the protocol is strictly request / reply). */
class Peer {
  private waiting: ((m: Msg) => void)[] = [];
  private queued: Msg[] = [];
  private failure: Error | null = null;
  constructor(readonly w: Worker) {
    w.on('message', (m: Msg) => {
      if (m.type === 'failed') m = { type: 'error', error: new WorkerFailure(m.message as string, m.data) };
      const f = this.waiting.shift();
      if (f) f(m); else this.queued.push(m);
    });
    // D-295: an exception nothing caught ended the worker (it may be a property module's timer or
    // promise): its message and stack travel on, for the caller to name the module
    w.on('error', (e) => {
      let uncaught: { message: string; stack?: string };
      try { uncaught = { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined }; } catch { uncaught = { message: 'a value that cannot be printed' }; }
      this.failure = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? e : new WorkerFailure(uncaught.message, { uncaught });
      for (const f of this.waiting.splice(0)) f({ type: 'error', error: this.failure });
    });
    // A worker that ends by itself (a property module ended its thread past D-257's guard)
    // fails the search rather than leaving the coordinator waiting for a reply forever.
    w.on('exit', (code) => {
      if (this.failure) return;
      const message = `a worker thread of the search ended by itself (exit code ${code}): a property module ended its thread`;
      this.failure = new WorkerFailure(message, { property: '?', source: undefined, message, pos: null });
      for (const f of this.waiting.splice(0)) f({ type: 'error', error: this.failure });
    });
  }
  next(): Promise<Msg> {
    if (this.failure) return Promise.reject(this.failure);
    const q = this.queued.shift();
    if (q) return Promise.resolve(q);
    return new Promise((res, rej) => this.waiting.push((m) => (m.type === 'error' ? rej(m.error as Error) : res(m))));
  }
  /**
   * Messages are copied, never transferred, both ways: a transfer detaches the buffer, and from
   * then on V8 checks for detachment on every typed-array access of the sending thread (a worker
   * was ~20% slower per transition than the one-thread search).
   */
  ask(m: Msg): Promise<Msg> { this.w.postMessage(m); return this.next(); }
}

/**
 * Breadth-first search over N worker threads sharing one fingerprint table (shared-table.ts).
 * Layers are synchronous: the layer sits in one shared buffer in rank order and worker j expands
 * the j-th contiguous range of it, inserting successors into the table as it goes. A state met by
 * several workers stays with the lowest-numbered one, whose key (parent rank, edge) is smallest,
 * so the next layer is the workers' lists one after the other, in the one-thread search's order:
 * counts, depth, verdicts and the very traces equal the one-thread search.
 */
export async function parallelBfs(model: PackedModel, factory: WorkerFactory, workers: number, opts: ParallelOptions = {}): Promise<BfsResult> {
  const n = Math.min(workers, MAX_WORKERS);
  const t0 = performance.now();
  const url = builtUrl('./parallel-worker.js', import.meta.url);
  const segments = SharedTable.create(opts.initialSlots ?? 64);
  const control = new SharedArrayBuffer(4);
  const phases = Math.max(2, Math.min(SharedTable.phases(n), opts.phases ?? Infinity));
  const stop = new Int32Array(control);
  const peers = Array.from({ length: n }, (_, index) => new Peer(new Worker(url, { workerData: { factoryUrl: factory.url, factoryArgs: factory.args, index, count: n, segments, control, running: runningBuffer() } })));
  /** The table as the coordinator sees it: slots and entries per segment. */
  const caps = new Float64Array(SEGMENTS).fill(SharedTable.slotsOf(segments[0]!));
  const counts = new Float64Array(SEGMENTS);
  /** Segments grown by one worker, not yet adopted by another (sent with the next message to it). */
  type Grown = { g: number; buf: SharedArrayBuffer }[];
  const pending: Grown[] = peers.map(() => []);
  const grew = (j: number, list: Grown): void => {
    for (const x of list) caps[x.g] = SharedTable.slotsOf(x.buf);
    for (let i = 0; i < n; i++) if (i !== j) pending[i]!.push(...list);
  };
  const ask = async (j: number, m: Msg): Promise<Msg> => {
    const grown = pending[j]!;
    pending[j] = [];
    const r = await peers[j]!.ask({ ...m, grown });
    if (r.grown) grew(j, r.grown as Grown);
    return r;
  };
  /** Target sizes that leave room for `expected` more states at 80% load (and grow the `full` segment by half at least); 0: as is. */
  const targets = (expected: number, full: ReadonlySet<number>): Int32Array => {
    const t = new Int32Array(SEGMENTS);
    const each = expected > 0 ? (expected / SEGMENTS) * 1.25 + 16 : 0;
    for (let g = 0; g < SEGMENTS; g++) {
      let cap = caps[g]!;
      if (full.has(g)) cap = Math.floor(cap * 1.5);
      while (counts[g]! + each > cap * 0.8) cap = Math.floor(cap * 1.5);
      if (cap !== caps[g]) t[g] = cap;
    }
    return t;
  };
  /** What each worker may claim per segment in a round: its share of the room up to 90% load. */
  const limits = (): Int32Array => {
    const l = new Int32Array(SEGMENTS);
    for (let g = 0; g < SEGMENTS; g++) l[g] = Math.max(0, Math.floor((Math.floor(caps[g]! * 0.9) - counts[g]!) / n));
    return l;
  };
  const addUsed = (used: Int32Array): void => { for (let g = 0; g < SEGMENTS; g++) counts[g]! += used[g]!; };
  try {
    // each worker builds the model itself: held to the limits (a worker can be stopped anywhere)
    const loadLimit = await withinLoadLimits(Promise.all(peers.map((p) => p.next())), opts, t0);
    if (loadLimit) {
      const seconds = (performance.now() - t0) / 1000;
      return { termination: loadLimit, states: 0, transitions: 0, depth: 0, seconds, discoveries: new Map(), storeBytes: 0, rounds: 0, path: () => { throw new Error('internal error: no path after a limit hit while loading'); } };
    }
    const discoveries = new Map<string, Discovery>();
    /** Per layer, the violation with the smallest key wins, as in the one-thread search. */
    const take = (list: Found[]): void => {
      const best = new Map<string, { f: Found; i: number }>();
      list.forEach((f, i) => {
        const b = best.get(f.property)?.f;
        if (!discoveries.has(f.property) && (!b || f.rank < b.rank || (f.rank === b.rank && f.edge < b.edge))) best.set(f.property, { f, i });
      });
      // in the order one thread meets them: by key, then as the worker that holds the key met them
      // (the list's own order depends on which worker ran out of room when)
      const ordered = [...best.values()].sort((x, y) => x.f.rank - y.f.rank || x.f.edge - y.f.edge || x.i - y.i).map((x) => x.f);
      for (const f of ordered) discoveries.set(f.property, { property: f.property, message: f.message, stateId: f.gid, step: f.step });
    };
    const init = await ask(0, { type: 'init' });
    addUsed(init.used as Int32Array);
    take(init.found as Found[]);
    /** Per worker: how many states it took into the next layer, and which of them others took over. */
    let listed = peers.map((_, j) => (j === 0 ? init.count as number : 0));
    let stolen: Uint32Array[][] = peers.map(() => []);
    const survivors = (j: number): number => listed[j]! - stolen[j]!.reduce((a, s) => a + s.length / 2, 0);
    let size = init.count as number;
    let prevSize = size;
    let distinct = size;
    let transitions = 0;
    let depth = 0;
    let storeBytes = 0;
    let rounds = 0;
    let termination: Termination = 'exhausted';
    const maxStates = opts.maxStates ?? Infinity;
    const deadline = opts.timeout !== undefined ? Date.now() + opts.timeout : null;
    const words = model.stateBytes >>> 2;
    const concat = (parts: Uint32Array[]): Uint32Array => {
      const out = new Uint32Array(parts.reduce((a, p) => a + p.length, 0));
      let o = 0;
      for (const p of parts) { out.set(p, o); o += p.length; }
      return out;
    };
    if (size > 0 && distinct >= maxStates) termination = 'stateLimit'; // as bfs(): the initial states alone reach it
    while (size > 0 && termination === 'exhausted') {
      if (depth >= (opts.maxDepth ?? Infinity)) { termination = 'depthLimit'; break; }
      const layerTransitions = transitions;
      // The layer in one shared buffer, in rank order (worker 0's states first); meanwhile the
      // table grows to hold the next layer, estimated from the last two.
      const expected = size * Math.min(4, Math.max(1, size / prevSize)) + 64;
      const layer = SharedLayer.create(size, words, model.smallFields === true);
      const grow = targets(opts.presize === false ? 0 : expected, new Set());
      // the phase that tells this layer's new states from older ones; before it comes round
      // again, every entry is marked as older (age)
      const phase = 1 + ((depth + 1) % (phases - 1));
      const age = phase === 1;
      let offset = 0;
      await Promise.all(peers.map((_, j) => {
        const gone = concat(stolen[j]!);
        const o = offset;
        offset += survivors(j);
        return ask(j, { type: 'place', layer, offset: o, stolen: gone.buffer, targets: grow.buffer, age });
      }));
      const disable = [...discoveries.keys()];
      const range = (j: number): number => Math.floor((size * j) / n);
      const pos = peers.map((_, j) => range(j));
      const found: Found[] = [];
      listed = peers.map(() => 0);
      stolen = peers.map(() => []);
      let aborted = false;
      // D-320: a layer that may reach --max-states is expanded in chunks, so that the search stops once
      // worker 0's share (the lowest ranks, whose new states no other worker can take) holds the cut,
      // instead of expanding the whole layer first (far more time and memory than one thread spends)
      const need = maxStates - distinct;
      const chunk = distinct + expected >= maxStates ? Math.max(1024, Math.ceil(size / n / 32)) : Infinity;
      for (;;) {
        rounds++;
        const lim = limits();
        const expanded = await Promise.all(peers.map((_, j) => ask(j, { type: 'expand', layerNo: depth, disable, deadline, layer, phase, limits: lim.buffer, from: pos[j], to: Math.min(range(j + 1), pos[j]! + chunk), end: range(j + 1) })));
        const full = new Set<number>();
        storeBytes = 0;
        expanded.forEach((r, j) => {
          transitions += r.transitions as number;
          found.push(...(r.found as Found[]));
          addUsed(r.used as Int32Array);
          listed[j] = r.count as number;
          (r.stolen as Uint32Array[]).forEach((s, v) => { if (s.length > 0) stolen[v]!.push(s); });
          pos[j] = r.resumeAt as number;
          if ((r.full as number) >= 0) full.add(r.full as number);
          if (r.aborted) aborted = true;
          storeBytes += r.bytes as number;
        });
        if (aborted || pos.every((p, j) => p === range(j + 1))) break;
        if (survivors(0) >= need) break; // D-320: the cut lies in worker 0's expanded ranks
        if (full.size === 0) continue; // the end of a chunk
        // a worker's share of a segment ran out: grow, then go on where each worker stopped
        Atomics.store(stop, 0, 0);
        const t = targets(opts.presize === false ? 0 : expected, full);
        await Promise.all(peers.map((_, j) => ask(j, { type: 'grow', targets: t.buffer })));
      }
      if (aborted) { take(found); termination = 'timeout'; break; }
      const fresh = peers.reduce((a, _, j) => a + survivors(j), 0);
      if (fresh > 0 && distinct + fresh >= maxStates) {
        // --max-states: cut where the one-thread search stops, at the state whose expansion adds
        // the last state allowed; counts, depth and violations are then the one-thread ones
        const cut = await cutAt(maxStates - distinct);
        transitions = layerTransitions + cut.transitions;
        take(found.filter((f) => f.rank < cut.rank || (f.rank === cut.rank && (f.step !== null || f.edge <= cut.edge))));
        distinct = maxStates;
        termination = 'stateLimit';
        break;
      }
      take(found);
      prevSize = size;
      size = 0;
      for (let j = 0; j < n; j++) size += survivors(j);
      distinct += size;
      for (let g = 0; g < SEGMENTS; g++) storeBytes += caps[g]! * 8;
      if (size > 0) depth++;
      opts.onProgress?.({ depth, transitions, states: distinct, queue: size, seconds: (performance.now() - t0) / 1000 });
      if (size > 0 && distinct >= maxStates) { termination = 'stateLimit'; break; }
      if (size > 0 && opts.stopWhenAllViolated && discoveries.size > 0) break;
      if (opts.signal?.aborted) { termination = 'interrupted'; break; }
      if (opts.memoryLimit !== undefined && process.memoryUsage.rss() > opts.memoryLimit) { termination = 'memory'; break; }
      if (deadline !== null && Date.now() > deadline && size > 0) { termination = 'timeout'; break; }
    }
    /** The key (parent rank, edge) of the need-th state of the next layer, and the transitions up to its parent inclusive. */
    async function cutAt(need: number): Promise<{ rank: number; edge: number; transitions: number }> {
      let j = 0;
      let k = need - 1;
      while (k >= survivors(j)) { k -= survivors(j); j++; }
      const key = await ask(j, { type: 'key', k, stolen: concat(stolen[j]!).buffer });
      const upto = await Promise.all(peers.map((_, i) => ask(i, { type: 'upto', rank: key.rank })));
      return { rank: key.rank as number, edge: key.edge as number, transitions: upto.reduce((a, r) => a + (r.transitions as number), 0) };
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
      termination, states: distinct, transitions, depth, seconds, discoveries, storeBytes, rounds,
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

/** Waits for the workers to load; 'timeout' or 'memory' when a limit is reached first (polled every 50 ms). */
async function withinLoadLimits(loaded: Promise<unknown>, opts: BfsOptions, t0: number): Promise<Termination | null> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<Termination>((res) => {
    timer = setInterval(() => {
      if (opts.timeout !== undefined && performance.now() - t0 > opts.timeout) res('timeout');
      else if (opts.memoryLimit !== undefined && process.memoryUsage.rss() > opts.memoryLimit) res('memory');
      else if (opts.signal?.aborted) res('interrupted');
    }, 50);
  });
  try {
    return await Promise.race([loaded.then(() => null), limit]);
  } finally {
    clearInterval(timer);
  }
}
