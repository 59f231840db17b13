/**
 * One worker of the parallel BFS (parallel.ts). It expands a contiguous range of each layer (read
 * from a shared buffer in rank order) and inserts every successor straight into the shared
 * fingerprint table (shared-table.ts); the new states it holds at the end of the layer are its
 * part of the next layer, in the order it found them, and it keeps their parents and edges.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PropertyChecks } from './checks.js';
import { ChunkedEdges, ChunkedU32, GrowU32, SharedLayer, StateLayer } from './chunked.js';
import { fingerprint } from './fingerprint-set.js';
import { expander, type EngineProperty, type PackedModel } from './model.js';
import { useRunning } from './running.js';
import { FULL, OLD, SEGMENTS, SharedTable } from './shared-table.js';

interface Init { factoryUrl: string; factoryArgs: unknown; index: number; count: number; segments: SharedArrayBuffer[]; control: SharedArrayBuffer; running: SharedArrayBuffer | null }
const { factoryUrl, factoryArgs, index: W, count: N, segments, control, running } = workerData as Init;
useRunning(running);
const port = parentPort!;
const CHOICE_BITS = 10;
const NONE = 0xffffffff;
type Grown = { g: number; buf: SharedArrayBuffer }[];

const factory = await import(factoryUrl) as { createWorkerModel(args: unknown): Promise<{ model: PackedModel; props: EngineProperty[] }> };
const { model, props } = await factory.createWorkerModel(factoryArgs);

/** The worker's state and its message handler, in one function scope as in bfs(). */
function serve(model: PackedModel, props: EngineProperty[]): void {
  const words = model.stateBytes >>> 2;
  const canonicalize = model.canonicalize?.bind(model);
  const nibbles = model.smallFields === true;
  const table = new SharedTable(segments, N, W);
  /** control[0]: set by a worker whose share of a segment ran out; every worker then stops at its next state. */
  const stop = new Int32Array(control);
  const parent = new ChunkedU32();
  const edge = new ChunkedEdges();
  let next = new StateLayer(words, nibbles); // the states this worker took into the next layer
  let nextFirst = 0; // local id of next's first state
  /** Fingerprints (hi, lo) of the states in `next`, in order, and the rank of each one's parent (for a --max-states cut). */
  const nextPrints = new GrowU32();
  const nextRanks = new GrowU32();
  /** Transitions of each state of this worker's range of the layer (for a --max-states cut), from rank `layerFrom` on. */
  let perState = new Uint32Array(0);
  let layerFrom = 0;
  let layerNo = -1;
  /** Per other worker, the fingerprints of the states this worker took over from it. */
  const steals = Array.from({ length: N }, () => new GrowU32());
  /** A violation with its key: where the one-thread search would meet it in this layer. */
  type Found = { property: string; message: string; gid: number; step: { action: number; choice: number } | null; rank: number; edge: number };
  let found: Found[] = [];
  const gid = (local: number): number => local * N + W;

  /** Properties still to check (not yet violated anywhere). */
  const checks = new PropertyChecks(props);

  function checkState(s: Uint8Array, id: number, rank: number, e: number): void {
    const k = checks.state(s);
    if (k < 0) return;
    for (const v of checks.stateViolations(s, k)) found.push({ property: v.name, message: v.message, gid: gid(id), step: null, rank, edge: e });
  }

  /** Takes a state this worker now holds into its next layer. */
  function add(s32: Uint32Array, s8: Uint8Array, hi: number, lo: number, parentGid: number, e: number, rank: number): void {
    if (table.stolen >= 0) { steals[table.stolen]!.push(hi); steals[table.stolen]!.push(lo); }
    nextPrints.push(hi);
    nextPrints.push(lo);
    nextRanks.push(rank);
    const id = parent.length;
    parent.push(parentGid);
    edge.push(e);
    next.push(s32);
    checkState(s8, id, rank, e);
  }

  const fp = new Int32Array(2);
  const cur32 = new Uint32Array(words);
  const cur = new Uint8Array(cur32.buffer);
  let curGid = 0;
  let curRank = 0;
  const expand = expander(model);
  let transitions = 0;
  /** Set when a successor finds this worker's share of its segment used up: the state is expanded again after growth. */
  let full = false;
  /** The successor array last seen and a 32-bit view of it (`s.buffer` is a call into the runtime: measured 3.5% of the search). */
  let lastS: Uint8Array | null = null;
  let next32: Uint32Array<ArrayBufferLike> = new Uint32Array(0);

  const emit = (s: Uint8Array, action: number, choice: number): void => {
    if (full) return;
    transitions++;
    const e = (action << CHOICE_BITS) | choice;
    if (s !== lastS) { lastS = s; next32 = new Uint32Array(s.buffer, s.byteOffset, words); }
    const k = checks.step(cur, action, s, cur32, next32);
    if (k >= 0) {
      for (const v of checks.stepViolations(cur, action, s, cur32, next32, k)) found.push({ property: v.name, message: v.message, gid: curGid, step: { action, choice }, rank: curRank, edge: e });
    }
    if (canonicalize) canonicalize(s);
    fingerprint(next32, fp);
    const hi = fp[0]!, lo = fp[1]! || 1;
    const r = table.insert(hi, lo);
    if (r === OLD) return;
    if (r === FULL) { full = true; return; }
    add(next32, s, hi, lo, curGid, e, curRank);
  };

  function takeFound(): Found[] { const f = found; found = []; return f; }

  port.on('message', (msg: { type: string; grown?: Grown; [k: string]: unknown }) => {
    try { handle(msg); } catch (e) {
      // e.g. a property module threw: the coordinator gets the failure as data, not as a crash
      const travel = e !== null && typeof e === 'object' && typeof (e as { toMessage?: unknown }).toMessage === 'function';
      port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e), data: travel ? (e as { toMessage(): unknown }).toMessage() : null });
    }
  });

  function handle(msg: { type: string; grown?: Grown; [k: string]: unknown }): void {
    if (msg.grown) table.adopt(msg.grown);
    switch (msg.type) {
      case 'init': {
        // worker 0 alone: it may grow any segment
        for (let g = 0; g < SEGMENTS; g++) table.limits[g] = Math.floor(table.capacity(g) * 0.9);
        model.initialStates().forEach((s, i) => {
          const s32 = new Uint32Array(s.buffer, s.byteOffset, words);
          fingerprint(s32, fp);
          const hi = fp[0]!, lo = fp[1]! || 1;
          for (;;) {
            const r = table.insert(hi, lo);
            if (r === OLD) return;
            if (r !== FULL) break;
            const g = table.fullSegment;
            table.grow(g, Math.floor(table.capacity(g) * 1.5));
            table.limits[g] = Math.floor(table.capacity(g) * 0.9);
          }
          add(s32, s, hi, lo, NONE, i, i);
        });
        port.postMessage({ type: 'init', found: takeFound(), count: next.count, used: table.used.slice(), grown: table.takeGrown() });
        table.used.fill(0);
        return;
      }
      case 'place': {
        // this worker's states of the layer (but those taken over by another worker), from `offset` on
        const layer = new SharedLayer(msg.layer as SharedArrayBuffer, words, nibbles);
        const gone = new PrintSet(new Int32Array(msg.stolen as ArrayBuffer));
        const prints = nextPrints.take();
        nextRanks.take();
        let rank = msg.offset as number;
        for (let k = 0; k < next.count; k++) {
          if (!gone.has(prints[2 * k]! | 0, prints[2 * k + 1]! | 0)) next.copyTo(k, layer, rank++, gid(nextFirst + k));
        }
        nextFirst = parent.length;
        next = new StateLayer(words, nibbles);
        if (msg.age) table.age();
        growOwn(new Int32Array(msg.targets as ArrayBuffer));
        port.postMessage({ type: 'placed', grown: table.takeGrown() });
        return;
      }
      case 'grow': {
        growOwn(new Int32Array(msg.targets as ArrayBuffer));
        port.postMessage({ type: 'grown', grown: table.takeGrown() });
        return;
      }
      case 'expand': {
        checks.disable(new Set(msg.disable as string[]));
        table.phase = msg.phase as number;
        table.limits = new Int32Array(msg.limits as ArrayBuffer);
        table.used.fill(0);
        const layer = new SharedLayer(msg.layer as SharedArrayBuffer, words, nibbles);
        const from = msg.from as number, to = msg.to as number;
        if (msg.layerNo !== layerNo) { layerNo = msg.layerNo as number; layerFrom = from; perState = new Uint32Array(Math.max(0, ((msg.end as number | undefined) ?? to) - from)); }
        transitions = 0;
        full = false;
        const deadline = msg.deadline as number | null;
        let aborted = false;
        let r = from;
        for (; r < to; r++) {
          // another worker's share of a segment ran out: stop soon (this worker's own share keeps it safe meanwhile)
          if (((r - from) & 63) === 0 && Atomics.load(stop, 0) !== 0) break;
          if (((r - from) & 1023) === 0 && deadline !== null && Date.now() > deadline) { aborted = true; break; }
          curGid = layer.read(r, cur32);
          curRank = r;
          const before = transitions;
          expand(cur, emit);
          if (full) { transitions = before; Atomics.store(stop, 0, 1); break; }
          perState[r - layerFrom] = transitions - before;
        }
        const stolen = steals.map((s) => s.take());
        port.postMessage({
          type: 'expanded', transitions, found: takeFound(), resumeAt: r, full: full ? table.fullSegment : -1, aborted,
          used: table.used.slice(), count: next.count, stolen, bytes: parent.bytes + edge.bytes,
        }); // copied, not transferred: see Peer.ask in parallel.ts
        return;
      }
      case 'key': {
        // the k-th state this worker keeps in the next layer (those taken over by others skipped)
        const gone = new PrintSet(new Int32Array(msg.stolen as ArrayBuffer));
        const prints = nextPrints.view();
        let k = msg.k as number;
        let i = 0;
        for (; i < next.count; i++) if (!gone.has(prints[2 * i]! | 0, prints[2 * i + 1]! | 0) && k-- === 0) break;
        port.postMessage({ type: 'key', rank: nextRanks.view()[i], edge: edge.get(nextFirst + i) });
        return;
      }
      case 'upto': {
        const rank = msg.rank as number;
        let sum = 0;
        for (let r = layerFrom; r < layerFrom + perState.length && r <= rank; r++) sum += perState[r - layerFrom]!;
        port.postMessage({ type: 'upto', transitions: sum });
        return;
      }
      case 'parent': {
        const local = Math.floor((msg.gid as number) / N);
        port.postMessage({ type: 'parent', parent: parent.get(local), edge: edge.get(local) });
        return;
      }
    }
  }

  /** Grows the segments this worker looks after (g mod N = W) to their target sizes (0: as they are). */
  function growOwn(targets: Int32Array): void {
    for (let g = W; g < SEGMENTS; g += N) if (targets[g]! > table.capacity(g)) table.grow(g, targets[g]!);
  }
}

/** A small set of fingerprints (open addressing; the states other workers took over, a few per cent of a layer). */
class PrintSet {
  private readonly t: Int32Array;
  private readonly mask: number;
  constructor(prints: Int32Array) {
    let cap = 16;
    while (cap < prints.length) cap <<= 1; // load at most 1/2
    this.t = new Int32Array(cap * 2);
    this.mask = cap - 1;
    for (let k = 0; k < prints.length; k += 2) {
      let i = prints[k]! & this.mask;
      while (this.t[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      this.t[2 * i] = prints[k]!;
      this.t[2 * i + 1] = prints[k + 1]!;
    }
  }
  has(hi: number, lo: number): boolean {
    for (let i = hi & this.mask; ; i = (i + 1) & this.mask) {
      const l = this.t[2 * i + 1]!;
      if (l === 0) return false; // lo is never 0
      if (l === lo && this.t[2 * i] === hi) return true;
    }
  }
}
serve(model, props);
port.postMessage({ type: 'loaded' });
