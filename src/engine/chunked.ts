/** A growable array of 32-bit words kept in fixed chunks (no copying when it grows). */
export class ChunkedU32 {
  private readonly chunks: Uint32Array[] = [];
  length = 0;
  constructor(private readonly chunkBits = 20) {}

  push(v: number): void {
    const c = this.length >>> this.chunkBits;
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(1 << this.chunkBits));
    this.chunks[c]![this.length & ((1 << this.chunkBits) - 1)] = v;
    this.length++;
  }
  get(i: number): number { return this.chunks[i >>> this.chunkBits]![i & ((1 << this.chunkBits) - 1)]!; }
  get bytes(): number { return this.chunks.length * (4 << this.chunkBits); }
}

/**
 * A growable array of small unsigned integers in fixed chunks of 16-bit words, widened to 32 bits
 * (all chunks, once) the first time a value above 65535 arrives: BFS edges are (action << 10 |
 * choice), below 65536 whenever the model has at most 64 actions.
 */
export class ChunkedEdges {
  private chunks: (Uint16Array | Uint32Array)[] = [];
  private wide = false;
  length = 0;
  constructor(private readonly chunkBits = 20) {}

  push(v: number): void {
    if (v > 0xffff && !this.wide) {
      this.wide = true;
      this.chunks = this.chunks.map((c) => Uint32Array.from(c));
    }
    const c = this.length >>> this.chunkBits;
    if (c === this.chunks.length) this.chunks.push(this.wide ? new Uint32Array(1 << this.chunkBits) : new Uint16Array(1 << this.chunkBits));
    this.chunks[c]![this.length & ((1 << this.chunkBits) - 1)] = v;
    this.length++;
  }
  get(i: number): number { return this.chunks[i >>> this.chunkBits]![i & ((1 << this.chunkBits) - 1)]!; }
  get bytes(): number { return this.chunks.length * ((this.wide ? 4 : 2) << this.chunkBits); }
}

/**
 * A FIFO layer of packed states (each `words` 32-bit words), stored in chunks. With `nibbles`
 * (every byte of a state is below 16) two bytes share one: the BFS frontier takes half the memory.
 */
export class StateLayer {
  private readonly chunks: (Uint32Array | null)[] = [];
  count = 0;
  private readonly perChunk: number;
  private readonly stride: number;
  constructor(private readonly words: number, private readonly nibbles = false) {
    this.stride = nibbles ? (words + 1) >>> 1 : words;
    this.perChunk = Math.max(1, Math.floor((1 << 18) / this.stride));
  }

  push(src: Uint32Array): void {
    const c = Math.floor(this.count / this.perChunk);
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(this.perChunk * this.stride));
    const chunk = this.chunks[c]!;
    pack(src, this.words, this.nibbles, chunk, (this.count % this.perChunk) * this.stride);
    this.count++;
  }
  /**
   * Copies state k into dst. States are read once, in order: a chunk is let go as soon as the
   * reading moves past it, so a layer shrinks while it is expanded.
   */
  read(k: number, dst: Uint32Array): void {
    const c = Math.floor(k / this.perChunk);
    if (c > 0 && this.chunks[c - 1] !== null) this.chunks[c - 1] = null;
    const chunk = this.chunks[c]!;
    unpack(chunk, (k % this.perChunk) * this.stride, this.words, this.nibbles, dst);
  }
  get bytes(): number { return this.chunks.filter((c) => c !== null).length * this.perChunk * this.stride * 4; }

  /** Copies state k, as stored (packed), into a shared layer at `rank`; read once, in order, as read(). */
  copyTo(k: number, layer: SharedLayer, rank: number, gid: number): void {
    const c = Math.floor(k / this.perChunk);
    if (c > 0 && this.chunks[c - 1] !== null) this.chunks[c - 1] = null;
    layer.writePacked(rank, this.chunks[c]!, (k % this.perChunk) * this.stride, gid);
  }
}

/**
 * A BFS layer in a SharedArrayBuffer, in the one-thread search's order (by rank), each state
 * stored with its global id: written by the workers that own the states, read by all (parallel.ts).
 */
export class SharedLayer {
  private readonly a: Uint32Array;
  private readonly stride: number;
  constructor(readonly buffer: SharedArrayBuffer, private readonly words: number, private readonly nibbles: boolean) {
    this.a = new Uint32Array(buffer);
    this.stride = SharedLayer.stride(words, nibbles);
  }
  private static stride(words: number, nibbles: boolean): number { return (nibbles ? (words + 1) >>> 1 : words) + 1; }
  static create(count: number, words: number, nibbles: boolean): SharedArrayBuffer {
    return new SharedArrayBuffer(Math.max(1, count) * SharedLayer.stride(words, nibbles) * 4);
  }
  /** Writes a state stored as a StateLayer stores it (packed alike) at `rank`, with its global id. */
  writePacked(rank: number, src: Uint32Array, off: number, gid: number): void {
    const o = rank * this.stride;
    const n = this.stride - 1;
    for (let j = 0; j < n; j++) this.a[o + j] = src[off + j]!;
    this.a[o + n] = gid;
  }
  /** Copies the state of the given rank into dst; returns its global id. */
  read(rank: number, dst: Uint32Array): number {
    const off = rank * this.stride;
    unpack(this.a, off, this.words, this.nibbles, dst);
    return this.a[off + this.stride - 1]!;
  }
}

/** Copies a state of `words` words into dst at off, two bytes in one when `nibbles` (every byte below 16). */
function pack(src: Uint32Array, words: number, nibbles: boolean, dst: Uint32Array, off: number): void {
  if (!nibbles) { for (let j = 0; j < words; j++) dst[off + j] = src[j]!; return; }
  for (let j = 0; j < words; j += 2) {
    const a = src[j]!;
    const b = j + 1 < words ? src[j + 1]! : 0;
    dst[off + (j >>> 1)] = squeeze(a) | (squeeze(b) << 16);
  }
}

function unpack(src: Uint32Array, off: number, words: number, nibbles: boolean, dst: Uint32Array): void {
  if (!nibbles) { for (let j = 0; j < words; j++) dst[j] = src[off + j]!; return; }
  for (let j = 0; j < words; j += 2) {
    const x = src[off + (j >>> 1)]!;
    dst[j] = spread(x & 0xffff);
    if (j + 1 < words) dst[j + 1] = spread(x >>> 16);
  }
}

/** Four bytes below 16 into 16 bits, and back. */
const squeeze = (w: number): number => (w & 0xf) | ((w >>> 4) & 0xf0) | ((w >>> 8) & 0xf00) | ((w >>> 12) & 0xf000);
const spread = (x: number): number => ((x & 0xf) | ((x & 0xf0) << 4) | ((x & 0xf00) << 8) | ((x & 0xf000) << 12)) >>> 0;

/** A growable contiguous array of 32-bit words (for buffers handed to another thread). */
export class GrowU32 {
  private buf = new Uint32Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) { const n = new Uint32Array(this.buf.length * 2); n.set(this.buf); this.buf = n; }
    this.buf[this.length++] = v;
  }
  /** The words so far (a view, valid until the next push). */
  view(): Uint32Array { return this.buf.subarray(0, this.length); }
  /** The words so far (a copy), and an empty array again. */
  take(): Uint32Array { const out = this.buf.slice(0, this.length); this.length = 0; return out; }
}
