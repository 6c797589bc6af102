/**
 * The set of operations linearized so far, with an incrementally maintained hash: each operation owns two
 * random 32-bit words and the hash is the XOR of the words of the members (Zobrist hashing), so adding or
 * removing one operation costs O(1) instead of rehashing the whole set on every memo lookup.
 */
export class LinearizedSet {
  readonly words: Uint32Array;
  private readonly zobristLo: Uint32Array;
  private readonly zobristHi: Uint32Array;
  private hashLo = 0;
  private hashHi = 0;

  constructor(readonly size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32));
    this.zobristLo = new Uint32Array(size);
    this.zobristHi = new Uint32Array(size);
    // A fixed seed keeps every run, and so every search order and report, reproducible.
    let seed = 0x9e3779b9;
    for (let i = 0; i < size; i++) {
      seed = xorshift32(seed);
      this.zobristLo[i] = seed;
      seed = xorshift32(seed);
      this.zobristHi[i] = seed;
    }
  }

  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  /** Adds or removes `i` (XOR both ways). */
  toggle(i: number): void {
    this.words[i >>> 5]! ^= 1 << (i & 31);
    this.hashLo ^= this.zobristLo[i]!;
    this.hashHi ^= this.zobristHi[i]!;
  }

  /** A 64-bit hash as text, for use in a Map key. */
  hashKey(): string {
    return (this.hashHi >>> 0).toString(36) + '.' + (this.hashLo >>> 0).toString(36);
  }

  snapshot(): Uint32Array {
    return this.words.slice();
  }

  equalsSnapshot(other: Uint32Array): boolean {
    const words = this.words;
    for (let i = 0; i < words.length; i++) if (words[i] !== other[i]) return false;
    return true;
  }
}

function xorshift32(x: number): number {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}
