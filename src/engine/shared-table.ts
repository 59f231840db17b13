import { home } from './fingerprint-set.js';

const SEG_BITS = 8;
export const SEGMENTS = 1 << SEG_BITS;
/** Bits of a slot's first word that hold the fingerprint's hi word (the segment holds the top 8). */
const LOW = 0xffffff;

/** insert() results. */
export const OLD = 0;
export const NEW = 1;
export const FULL = 2;

/**
 * The parallel BFS's fingerprint table (parallel.ts): segments of SharedArrayBuffers that every
 * worker reads and inserts into at once, with atomics, while it expands its range of a layer.
 *
 * A slot is two words, as in the one-thread table: the top 8 bits of a fingerprint pick its
 * segment, so a slot's first word keeps only the low 24 bits of the hi word and uses its top 8
 * bits for a tag: (phase, holder), with 0 meaning an empty slot. The phase tells the states of
 * the layer being built from older ones (it cycles through the layers, and every entry is reset to
 * phase 0 before a phase comes round again); for the layer being built, the holder is the worker
 * that keeps the state. Worker w expands a lower range of ranks than worker w + 1, so its keys
 * (parent rank, edge) are smaller: when a worker meets a state of this layer held by a
 * higher-numbered worker, it takes the state over (compare-and-swap of the first word) and the
 * former holder drops its copy. Each state thus ends with the smallest key, as in the one-thread
 * search, whatever the timing. The lo word is never 0 (0 while the inserting thread writes it).
 *
 * No segment grows while workers insert: each worker may claim at most `limits[g]` slots of
 * segment g in a round (the coordinator shares 90% of the free room among the workers); a worker
 * whose share runs out stops, and segments grow (each by one worker, g mod n) between rounds.
 */
export class SharedTable {
  private readonly segs: Int32Array[] = [];
  private readonly caps = new Int32Array(SEGMENTS);
  /** Slots this thread claimed in each segment in the current round. */
  readonly used = new Int32Array(SEGMENTS);
  /** Slots this thread may claim in each segment in the current round. */
  limits = new Int32Array(SEGMENTS);
  /** Tag of phase `phase`, holder 0; the tag of holder w is base + w. */
  private base = 0;
  /** After insert() returned NEW by taking the state over from another worker: that worker; else -1. */
  stolen = -1;
  /** After insert() returned FULL: the segment. */
  fullSegment = -1;
  /** Direct-mapped cache (fits in L2) of fingerprints this thread knows to be in the table. */
  private readonly recent = new Int32Array(2 << 16);
  private grown: number[] = [];

  constructor(buffers: readonly SharedArrayBuffer[], private readonly n: number, private readonly w: number) {
    for (let g = 0; g < SEGMENTS; g++) {
      const t = new Int32Array(buffers[g]!);
      this.segs.push(t);
      this.caps[g] = t.length >>> 1;
    }
    this.phase = 1;
  }

  /** Phases a cycle has for n workers (phase 0 marks entries of older layers). */
  static phases(n: number): number { return Math.floor(255 / n); }

  /** The phase of the layer being built (1 .. phases(n) - 1). */
  set phase(p: number) { this.base = 1 + p * this.n; }

  /** Empty segments of `slots` slots each. */
  static create(slots = 64): SharedArrayBuffer[] {
    return Array.from({ length: SEGMENTS }, () => new SharedArrayBuffer(slots * 8));
  }

  /** Slots of a segment buffer. */
  static slotsOf(buf: SharedArrayBuffer): number { return buf.byteLength >>> 3; }

  capacity(g: number): number { return this.caps[g]!; }

  /**
   * Looks (hi, lo) up and inserts it when absent. OLD: in the table already (from an earlier
   * layer, or from this one held by this worker or a lower one); NEW: this worker now holds it
   * (inserted, or taken over: see `stolen`); FULL: absent, but this worker's share of the
   * segment is used up (nothing written). `lo` must not be 0.
   */
  insert(hi: number, lo: number): number {
    const r = this.recent;
    const c = (hi & 0xffff) << 1;
    if (r[c] === hi && r[c + 1] === lo) return OLD;
    return this.probe(hi, lo, -1);
  }

  /**
   * The probe loop proper, from the home slot (from = -1) or from slot `from`. It reads plainly;
   * the atomic operations sit in claim(), takeOver() and settledLo(), off the path of a lookup that
   * finds its fingerprint (most of them).
   */
  private probe(hi: number, lo: number, from: number): number {
    const g = hi >>> (32 - SEG_BITS);
    const t = this.segs[g]!;
    const cap = this.caps[g]!;
    const key = hi & LOW;
    let i = from < 0 ? home(hi, lo, cap) : from;
    for (;;) {
      const j = i << 1;
      const h = t[j]!;
      if (h === 0) return this.claim(t, i, hi, lo);
      if ((h & LOW) === key) {
        let l = t[j + 1]!;
        if (l === 0) l = settledLo(t, j + 1);
        if (l === lo) {
          this.remember(hi, lo);
          const holder = (h >>> 24) - this.base;
          // an older layer (tag below base), or this layer held by this worker or a lower one
          if (holder < 0 || holder >= this.n || holder <= this.w) return OLD;
          return this.takeOver(t, j, h, hi);
        }
      }
      if (++i === cap) i = 0;
    }
  }

  /** Slot i was empty: claims it for (hi, lo) unless another thread was quicker (then probes on from there). */
  private claim(t: Int32Array, i: number, hi: number, lo: number): number {
    const g = hi >>> (32 - SEG_BITS);
    if (this.used[g]! >= this.limits[g]!) { this.fullSegment = g; return FULL; }
    const j = i << 1;
    if (Atomics.compareExchange(t, j, 0, ((this.base + this.w) << 24) | (hi & LOW)) !== 0) return this.probe(hi, lo, i);
    Atomics.store(t, j + 1, lo);
    this.used[g]!++;
    this.remember(hi, lo);
    this.stolen = -1;
    return NEW;
  }

  /** The state at word j (first word h) is held by a higher-numbered worker: takes it over, unless a lower one did first (OLD). */
  private takeOver(t: Int32Array, j: number, h: number, hi: number): number {
    const mine = ((this.base + this.w) << 24) | (hi & LOW);
    for (;;) {
      const was = Atomics.compareExchange(t, j, h, mine);
      if (was === h) { this.stolen = (h >>> 24) - this.base; return NEW; }
      h = was;
      const holder = (h >>> 24) - this.base;
      if (holder <= this.w) return OLD;
    }
  }

  private remember(hi: number, lo: number): void {
    const c = (hi & 0xffff) << 1;
    this.recent[c] = hi;
    this.recent[c + 1] = lo;
  }

  /** Marks every entry of the segments this worker looks after (g mod n = w) as of an older layer (phase 0). */
  age(): void {
    for (let g = this.w; g < SEGMENTS; g += this.n) {
      const t = this.segs[g]!;
      for (let j = 0; j < t.length; j += 2) if (t[j] !== 0) t[j] = (1 << 24) | (t[j]! & LOW);
    }
  }

  /** Grows segment g to `cap` slots (no other thread may touch the table meanwhile). */
  grow(g: number, cap: number): void {
    const old = this.segs[g]!;
    const t = new Int32Array(new SharedArrayBuffer(cap * 8));
    const top = g << (32 - SEG_BITS);
    for (let j = 0; j < old.length; j += 2) {
      const h = old[j]!;
      if (h === 0) continue;
      const lo = old[j + 1]!;
      let i = home(top | (h & LOW), lo, cap);
      while (t[i << 1] !== 0) if (++i === cap) i = 0;
      t[i << 1] = h;
      t[(i << 1) + 1] = lo;
    }
    this.segs[g] = t;
    this.caps[g] = cap;
    this.grown.push(g);
  }

  /** The segments this thread grew since the last call, with their new buffers. */
  takeGrown(): { g: number; buf: SharedArrayBuffer }[] {
    const out = this.grown.map((g) => ({ g, buf: this.segs[g]!.buffer as SharedArrayBuffer }));
    this.grown = [];
    return out;
  }

  /** Installs segments another thread grew. */
  adopt(list: readonly { g: number; buf: SharedArrayBuffer }[]): void {
    for (const { g, buf } of list) {
      this.segs[g] = new Int32Array(buf);
      this.caps[g] = SharedTable.slotsOf(buf);
    }
  }
}

/** The lo word of a slot another thread has just claimed, once it is written (it is never 0). */
function settledLo(t: Int32Array, k: number): number {
  let l = Atomics.load(t, k);
  while (l === 0) l = Atomics.load(t, k);
  return l;
}
