const SEG_BITS = 8;
const SEGS = 1 << SEG_BITS;

/**
 * A set of 64-bit fingerprints in open-addressing tables over Int32Arrays (two words a slot,
 * linear probing, (0, 0) marks an empty slot). The top 8 bits of a fingerprint pick one of 256
 * segments, each growing on its own by half at 4/5 load: growth never holds two copies of the
 * whole table at once (only of one segment, 1/256 of it), and the table stays 53-80% full
 * (12.5 bytes a fingerprint on average instead of 16 for a table that doubles at 3/4).
 * The one-thread search's table; the parallel search shares shared-table.ts among its workers.
 */
export class FingerprintSet {
  private readonly segs: Int32Array[] = [];
  private readonly caps = new Int32Array(SEGS);
  private readonly counts = new Int32Array(SEGS);
  private totalSlots = 0;
  /**
   * A small direct-mapped cache (fits in L2) of fingerprints known to be in the table: BFS revisits
   * mostly states of the last few layers, so most lookups of seen states never touch the big table.
   */
  private readonly recent = new Int32Array(2 << 16);
  size = 0;

  constructor(initialSlots = 1 << 16) {
    let cap = 16;
    while (cap * SEGS < initialSlots) cap <<= 1;
    for (let g = 0; g < SEGS; g++) {
      this.segs.push(new Int32Array(cap * 2));
      this.caps[g] = cap;
      this.totalSlots += cap;
    }
  }

  get slots(): number { return this.totalSlots; }
  get bytes(): number { return this.totalSlots * 8; }

  /** Adds (hi, lo); true when it was not there yet. */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const r = this.recent;
    const c = (hi & 0xffff) << 1;
    if (r[c] === hi && r[c + 1] === lo) return false;
    return this.addToTable(hi, lo);
  }

  /** The table itself (the recent cache missed). */
  private addToTable(hi: number, lo: number): boolean {
    const r = this.recent;
    const c = (hi & 0xffff) << 1;
    r[c] = hi;
    r[c + 1] = lo;
    const g = hi >>> (32 - SEG_BITS);
    const t = this.segs[g]!;
    const cap = this.caps[g]!;
    let i = home(hi, lo, cap);
    for (;;) {
      const j = i << 1;
      const h = t[j]!;
      const l = t[j + 1]!;
      if (h === 0 && l === 0) {
        t[j] = hi;
        t[j + 1] = lo;
        this.size++;
        if (++this.counts[g]! * 5 > cap * 4) this.grow(g);
        return true;
      }
      if (h === hi && l === lo) return false;
      if (++i === cap) i = 0;
    }
  }

  /** True when (hi, lo) is in the set. */
  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const g = hi >>> (32 - SEG_BITS);
    const t = this.segs[g]!;
    const cap = this.caps[g]!;
    let i = home(hi, lo, cap);
    for (;;) {
      const h = t[i << 1]!;
      const l = t[(i << 1) + 1]!;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
      if (++i === cap) i = 0;
    }
  }

  private grow(g: number): void {
    const old = this.segs[g]!;
    const was = this.caps[g]!;
    const cap = was + (was >>> 1);
    const t = new Int32Array(cap * 2);
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j]!;
      const lo = old[j + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = home(hi, lo, cap);
      while (t[i << 1] !== 0 || t[(i << 1) + 1] !== 0) if (++i === cap) i = 0;
      t[i << 1] = hi;
      t[(i << 1) + 1] = lo;
    }
    this.segs[g] = t;
    this.caps[g] = cap;
    this.totalSlots += cap - was;
  }
}

/** Home slot of a fingerprint in a segment of `cap` slots: a 32-bit mix scaled to [0, cap) (exact: cap < 2^21). */
export function home(hi: number, lo: number, cap: number): number {
  return Math.floor(((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0) * cap / 4294967296);
}

/**
 * 64-bit fingerprint of a packed state as two 32-bit halves: two xxHash32-style lanes (add the
 * word times a prime, rotate, multiply) with different primes and seeds, each finished with
 * murmur3's mixer after crossing with the other (test/engine.test.ts checks that structured
 * states neither collide nor cluster in the table's segments and slots).
 */
export function fingerprint(words: Uint32Array, out: Int32Array): void {
  let h1 = 0x12345678 ^ words.length;
  let h2 = 0x9abcdef0 ^ Math.imul(words.length, 0x85ebca6b);
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    h1 = (h1 + Math.imul(w, 0x85ebca77)) | 0;
    h1 = Math.imul((h1 << 13) | (h1 >>> 19), 0x9e3779b1);
    h2 = (h2 + Math.imul(w, 0xc2b2ae3d)) | 0;
    h2 = Math.imul((h2 << 17) | (h2 >>> 15), 0x27d4eb2f);
  }
  out[0] = fmix(h1 ^ Math.imul(h2, 0x165667b1));
  out[1] = fmix(h2 + Math.imul(h1, 0x2545f491));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
