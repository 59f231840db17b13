/**
 * A set of 64-bit fingerprints in an open-addressing table over one Int32Array (two words a slot,
 * linear probing, (0, 0) marks an empty slot). Grows at 3/4 load.
 */
export class FingerprintSet {
  private table: Int32Array;
  private mask: number;
  /**
   * A small direct-mapped cache (fits in L2) of fingerprints known to be in the table: BFS revisits
   * mostly states of the last few layers, so most lookups of seen states never touch the big table.
   */
  private readonly recent = new Int32Array(2 << 16);
  size = 0;

  constructor(initialSlots = 1 << 16) {
    let cap = 1;
    while (cap < initialSlots) cap <<= 1;
    this.table = new Int32Array(cap * 2);
    this.mask = cap - 1;
  }

  get slots(): number { return this.mask + 1; }
  get bytes(): number { return this.table.byteLength; }

  /** Adds (hi, lo); true when it was not there yet. */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const r = this.recent;
    const c = (hi & 0xffff) << 1;
    if (r[c] === hi && r[c + 1] === lo) return false;
    r[c] = hi;
    r[c + 1] = lo;
    const t = this.table;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const j = i << 1;
      const h = t[j]!;
      const l = t[j + 1]!;
      if (h === 0 && l === 0) {
        t[j] = hi;
        t[j + 1] = lo;
        if (++this.size * 4 > this.slots * 3) this.grow();
        return true;
      }
      if (h === hi && l === lo) return false;
      i = (i + 1) & this.mask;
    }
  }

  /** True when (hi, lo) is in the set. */
  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const c = (hi & 0xffff) << 1;
    if (this.recent[c] === hi && this.recent[c + 1] === lo) return true;
    const t = this.table;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const h = t[i << 1]!;
      const l = t[(i << 1) + 1]!;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.table;
    const cap = this.slots * 2;
    this.table = new Int32Array(cap * 2);
    this.mask = cap - 1;
    const t = this.table;
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j]!;
      const lo = old[j + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
      while (t[i << 1] !== 0 || t[(i << 1) + 1] !== 0) i = (i + 1) & this.mask;
      t[i << 1] = hi;
      t[(i << 1) + 1] = lo;
    }
  }
}

/** 64-bit fingerprint of a packed state as two 32-bit halves (murmur3-style mixing of 32-bit words). */
export function fingerprint(words: Uint32Array, out: Int32Array): void {
  let h1 = 0x12345678 ^ words.length;
  let h2 = 0x9abcdef0 ^ Math.imul(words.length, 0x85ebca6b);
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    let a = Math.imul(w, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    h1 ^= Math.imul(a, 0x1b873593);
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    let b = Math.imul(w ^ 0x5bd1e995, 0x27d4eb2d);
    b = (b << 17) | (b >>> 15);
    h2 ^= Math.imul(b, 0x165667b1);
    h2 = (h2 << 11) | (h2 >>> 21);
    h2 = (Math.imul(h2, 9) + 0x52dce729) | 0;
  }
  out[0] = fmix(h1 ^ h2);
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
