/**
 * One worker of the parallel BFS (parallel.ts): it owns the states whose fingerprint falls in its
 * share and keeps their fingerprints, parents and edges; it places them in the shared layer at
 * their ranks, and expands a contiguous range of that layer (siblings stay together, so most
 * duplicate successors are caught by its cache of recent fingerprints). Every successor is keyed
 * by (rank of its parent in the layer, edge); a worker inserts the successors it owns in key
 * order, so each state gets the parent the one-thread search would give it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PropertyChecks } from './checks.js';
import { ChunkedEdges, ChunkedU32, GrowU32, SharedLayer, StateLayer } from './chunked.js';
import { fingerprint, FingerprintSet } from './fingerprint-set.js';
import { expander, type EngineProperty, type PackedModel } from './model.js';

interface Init { factoryUrl: string; factoryArgs: unknown; index: number; count: number; segments: SharedArrayBuffer[] }
const { factoryUrl, factoryArgs, index: W, count: N, segments } = workerData as Init;
const port = parentPort!;
const CHOICE_BITS = 10;
const NONE = 0xffffffff;

const factory = await import(factoryUrl) as { createWorkerModel(args: unknown): Promise<{ model: PackedModel; props: EngineProperty[] }> };
const { model, props } = await factory.createWorkerModel(factoryArgs);
const words = model.stateBytes >>> 2;
const canonicalize = model.canonicalize?.bind(model);
const entry = words + 5; // state words, fingerprint hi, lo, parent gid, edge, parent rank
/**
 * One fingerprint table shared by all workers: segment g is written only by worker g mod N (while
 * inserting a layer), and read by every worker while expanding, so a successor seen in an earlier
 * layer is dropped where it is generated instead of being sent to its owner.
 */
const seen = new FingerprintSet(0, segments);
const ownerOf = (hi: number): number => FingerprintSet.segmentOf(hi) % N;
const parent = new ChunkedU32();
const edge = new ChunkedEdges();
const nibbles = model.smallFields === true;
let next = new StateLayer(words, nibbles); // the states this worker added to the next layer
let nextFirst = 0; // local id of next's first state
const nextKeys = new GrowU32(); // (parent rank, edge) of each state added to the next layer
/** A violation with its key: where the one-thread search would meet it in this layer. */
type Found = { property: string; message: string; gid: number; step: { action: number; choice: number } | null; rank: number; edge: number };
let found: Found[] = [];
const gid = (local: number): number => local * N + W;

class Outbox {
  buf = new Uint32Array(1024 * entry);
  n = 0;
  push(state: Uint32Array, hi: number, lo: number, parentGid: number, e: number, rank: number): void {
    if ((this.n + 1) * entry > this.buf.length) { const b = new Uint32Array(this.buf.length * 2); b.set(this.buf); this.buf = b; }
    const o = this.n * entry;
    this.buf.set(state, o);
    this.buf[o + words] = hi; this.buf[o + words + 1] = lo; this.buf[o + words + 2] = parentGid; this.buf[o + words + 3] = e; this.buf[o + words + 4] = rank;
    this.n++;
  }
  /** Hands the filled buffer over (transferred, not copied) with its entry count. */
  take(): { buf: ArrayBuffer; n: number } {
    const out = { buf: this.buf.buffer as ArrayBuffer, n: this.n };
    this.buf = new Uint32Array(Math.max(1024, this.n + (this.n >>> 2)) * entry); // the next layer is alike
    this.n = 0;
    return out;
  }
}
const outboxes = Array.from({ length: N }, () => new Outbox());
/** Fingerprints already queued for their owner (direct-mapped, 2M entries = 16 MiB: most duplicates within a layer stop here): an earlier, smaller key has them. */
const sent = new Int32Array(2 << 21);

/** Properties still to check (not yet violated anywhere). */
const checks = new PropertyChecks(props);

function checkState(s: Uint8Array, id: number, rank: number, e: number): void {
  const k = checks.state(s);
  if (k < 0) return;
  for (const v of checks.stateViolations(s, k)) { found.push({ property: v.name, message: v.message, gid: gid(id), step: null, rank, edge: e }); }
}

/** Adds a state this worker owns (s8 views the same bytes as s32); false when already seen. */
function addLocal(s32: Uint32Array, s8: Uint8Array, hi: number, lo: number, parentGid: number, e: number, rank: number): boolean {
  if (!seen.addToTable(hi, lo)) return false;
  const id = parent.length;
  parent.push(parentGid);
  edge.push(e);
  next.push(s32);
  nextKeys.push2(rank, e);
  checkState(s8, id, rank, e);
  return true;
}
const in32 = new Uint32Array(words);
const in8 = new Uint8Array(in32.buffer);

const fp = new Int32Array(2);
const cur32 = new Uint32Array(words);
const cur = new Uint8Array(cur32.buffer);
let curGid = 0;
let curRank = 0;
const expand = expander(model);
let transitions = 0;
let lastBuf: ArrayBufferLike | null = null;
let next32: Uint32Array<ArrayBufferLike> = new Uint32Array(0);

const emit = (s: Uint8Array, action: number, choice: number): void => {
  transitions++;
  const e = (action << CHOICE_BITS) | choice;
  if (s.buffer !== lastBuf) { lastBuf = s.buffer; next32 = new Uint32Array(s.buffer, s.byteOffset, words); }
  const k = checks.step(cur, action, s, cur32, next32);
  if (k >= 0) {
    for (const v of checks.stepViolations(cur, action, s, cur32, next32, k)) { found.push({ property: v.name, message: v.message, gid: curGid, step: { action, choice }, rank: curRank, edge: e }); }
  }
  if (canonicalize) canonicalize(s);
  fingerprint(next32, fp);
  const hi = fp[0]!, lo = fp[1]!;
  if (seen.has(hi, lo)) return;
  const owner = ownerOf(hi);
  const c = (hi & 0x1fffff) << 1;
  if (sent[c] === hi && sent[c + 1] === lo) return;
  sent[c] = hi;
  sent[c + 1] = lo;
  seen.remember(hi, lo);
  outboxes[owner]!.push(next32, hi, lo, curGid, e, curRank);
};

function takeFound(): Found[] { const f = found; found = []; return f; }

/** Inserts the queued successors of all workers in key order (parent rank, edge). */
function insertMerged(streams: { a: Uint32Array; n: number }[]): void {
  const pos = streams.map(() => 0);
  for (;;) {
    let best = -1;
    for (let j = 0; j < streams.length; j++) {
      if (pos[j]! >= streams[j]!.n) continue;
      if (best < 0) { best = j; continue; }
      const a = streams[j]!.a, b = streams[best]!.a;
      const oa = pos[j]! * entry, ob = pos[best]! * entry;
      const ra = a[oa + words + 4]!, rb = b[ob + words + 4]!;
      if (ra < rb || (ra === rb && a[oa + words + 3]! < b[ob + words + 3]!)) best = j;
    }
    if (best < 0) return;
    const a = streams[best]!.a;
    const o = pos[best]! * entry;
    pos[best]!++;
    for (let j = 0; j < words; j++) in32[j] = a[o + j]!;
    addLocal(in32, in8, a[o + words]! | 0, a[o + words + 1]! | 0, a[o + words + 2]!, a[o + words + 3]!, a[o + words + 4]!);
  }
}

port.on('message', (msg: { type: string; [k: string]: unknown }) => {
  switch (msg.type) {
    case 'init': {
      model.initialStates().forEach((s, i) => {
        const s32 = new Uint32Array(s.buffer, s.byteOffset, words);
        fingerprint(s32, fp);
        if (ownerOf(fp[0]!) === W) addLocal(s32, s, fp[0]!, fp[1]!, NONE, i, i);
      });
      port.postMessage({ type: 'ready', found: takeFound(), keys: takeKeys(), grown: seen.takeGrown() }, []);
      return;
    }
    case 'place': {
      // this worker's states of the layer, at their global ranks
      const layer = new SharedLayer(msg.layer as SharedArrayBuffer, words, nibbles);
      const ranks = new Uint32Array(msg.ranks as ArrayBuffer);
      for (let k = 0; k < next.count; k++) {
        next.read(k, in32);
        layer.write(ranks[k]!, in32, gid(nextFirst + k));
      }
      nextFirst = parent.length;
      next = new StateLayer(words, nibbles);
      port.postMessage({ type: 'placed' });
      return;
    }
    case 'expand': {
      seen.adopt(msg.grown as { g: number; buf: SharedArrayBuffer }[]);
      checks.disable(new Set(msg.disable as string[]));
      const layer = new SharedLayer(msg.layer as SharedArrayBuffer, words, nibbles);
      const from = msg.from as number, to = msg.to as number;
      transitions = 0;
      const deadline = msg.deadline as number | null;
      let aborted = false;
      for (let r = from; r < to; r++) {
        if (((r - from) & 1023) === 0 && deadline !== null && Date.now() > deadline) { aborted = true; break; }
        curGid = layer.read(r, cur32);
        curRank = r;
        expand(cur, emit);
      }
      const own = outboxes[W]!.take();
      const boxes = outboxes.map((o, j) => (j === W ? own : o.take()));
      const remote = boxes.filter((_, j) => j !== W);
      port.postMessage({ type: 'expanded', transitions, found: takeFound(), boxes: boxes.map((b, j) => (j === W ? null : b)), aborted }, remote.map((b) => b.buf));
      ownBox = own;
      return;
    }
    case 'receive': {
      const streams = [ownBox!, ...(msg.boxes as { buf: ArrayBuffer; n: number }[])].map((b) => ({ a: new Uint32Array(b.buf), n: b.n }));
      ownBox = null;
      insertMerged(streams);
      port.postMessage({ type: 'received', found: takeFound(), keys: takeKeys(), size: next.count, distinct: parent.length, bytes: seen.bytesOf((g) => g % N === W) + parent.bytes + edge.bytes, grown: seen.takeGrown() });
      return;
    }
    case 'parent': {
      const local = Math.floor((msg.gid as number) / N);
      port.postMessage({ type: 'parent', parent: parent.get(local), edge: edge.get(local) });
      return;
    }
  }
});
let ownBox: { buf: ArrayBuffer; n: number } | null = null;
function takeKeys(): Uint32Array { return nextKeys.take(); }
port.postMessage({ type: 'loaded' });
