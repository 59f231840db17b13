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

/** A FIFO layer of packed states (each `words` 32-bit words), stored in chunks. */
export class StateLayer {
  private readonly chunks: Uint32Array[] = [];
  count = 0;
  private readonly perChunk: number;
  constructor(private readonly words: number) { this.perChunk = Math.max(1, Math.floor((1 << 18) / words)); }

  push(src: Uint32Array): void {
    const c = Math.floor(this.count / this.perChunk);
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(this.perChunk * this.words));
    this.chunks[c]!.set(src, (this.count % this.perChunk) * this.words);
    this.count++;
  }
  /** Copies state k into dst. */
  read(k: number, dst: Uint32Array): void {
    const chunk = this.chunks[Math.floor(k / this.perChunk)]!;
    const off = (k % this.perChunk) * this.words;
    for (let j = 0; j < this.words; j++) dst[j] = chunk[off + j]!;
  }
  get bytes(): number { return this.chunks.length * this.perChunk * this.words * 4; }
}

/** A growable contiguous array of 32-bit words (for buffers handed to another thread). */
export class GrowU32 {
  private buf = new Uint32Array(1024);
  length = 0;
  push2(a: number, b: number): void {
    if (this.length + 2 > this.buf.length) { const n = new Uint32Array(this.buf.length * 2); n.set(this.buf); this.buf = n; }
    this.buf[this.length++] = a;
    this.buf[this.length++] = b;
  }
  /** The words so far (a copy), and an empty array again. */
  take(): Uint32Array { const out = this.buf.slice(0, this.length); this.length = 0; return out; }
}
