/**
 * A small binary writer/reader for hot-path codecs: unsigned varints, IEEE doubles, length-prefixed
 * bytes and strings. No schema; the codec decides the field order.
 */

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
/** Strings up to this length take the ASCII fast path (their length prefix is then one byte). */
const ASCII_FAST_PATH_CHARS_MAX = 64;

/** Raised when bytes do not decode (truncated, or a varint longer than a safe integer). */
export class DecodeError extends Error {
  readonly code = 'DECODE';
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/**
 * Doubles go through one shared 8-byte scratch (little-endian on the wire): creating a DataView per
 * writer or reader was a visible share of the hot path's CPU (one allocation per encoded envelope).
 */
const scratchF64 = new Float64Array(1);
const scratchBytes = new Uint8Array(scratchF64.buffer);
const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function writeDoubleLE(buf: Uint8Array, pos: number, value: number): void {
  scratchF64[0] = value;
  if (hostIsLittleEndian) for (let k = 0; k < 8; k++) buf[pos + k] = scratchBytes[k]!;
  else for (let k = 0; k < 8; k++) buf[pos + k] = scratchBytes[7 - k]!;
}

export function readDoubleLE(buf: Uint8Array, pos: number): number {
  if (hostIsLittleEndian) for (let k = 0; k < 8; k++) scratchBytes[k] = buf[pos + k]!;
  else for (let k = 0; k < 8; k++) scratchBytes[7 - k] = buf[pos + k]!;
  return scratchF64[0]!;
}

/** Bytes `uint(value)` writes. */
export function uintBytes(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    n++;
  }
  return n;
}

/** Strict UTF-8 (a malformed sequence throws), with a fast path for short ASCII strings. */
export function decodeUtf8(b: Uint8Array): string {
  if (b.length <= ASCII_FAST_PATH_CHARS_MAX) {
    let ascii = true;
    for (let k = 0; k < b.length; k++) if (b[k]! >= 0x80) ascii = false;
    if (ascii) return String.fromCharCode.apply(null, b as unknown as number[]);
  }
  return utf8Decoder.decode(b);
}

/** Slab size of allocBytes, and the largest allocation it serves from a slab (bigger ones get their own). */
const SLAB_BYTES = 64 * 1024;
const SLAB_ALLOCATION_BYTES_MAX = 4096;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/**
 * Bytes for an encoding that overwrites all of them: a plain Uint8Array view into a shared 64 KiB slab.
 * `new Uint8Array(n)` above 64 bytes gets a backing store of its own (malloc, then an ArrayBuffer sweep in
 * the next GC), which was a sixth of a leader's CPU with 128-byte commands. The view's `.slice()` still
 * copies (unlike a Buffer's); a live view keeps its slab alive, so long-lived state should hold copies.
 */
export function allocBytes(n: number): Uint8Array {
  if (n > SLAB_ALLOCATION_BYTES_MAX) return new Uint8Array(n);
  if (slabUsed + n > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = new Uint8Array(slab, slabUsed, n);
  slabUsed += (n + 7) & ~7; // keep views 8-byte aligned
  return out;
}

/** Up to this many bytes a writer copies in a loop rather than through a temporary view and set(). */
const COPY_LOOP_BYTES_MAX = 256;

/** dst[0, n) = src[0, n). Most copies are short, and set() would first need a view of the prefix. */
function copyPrefix(dst: Uint8Array, src: Uint8Array, n: number): void {
  if (n <= COPY_LOOP_BYTES_MAX) for (let k = 0; k < n; k++) dst[k] = src[k]!;
  else dst.set(src.subarray(0, n));
}

export class BinaryWriter {
  private buf: Uint8Array;
  private pos = 0;

  constructor(initialBytes = 64) {
    this.buf = allocBytes(initialBytes);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = Math.max(16, this.buf.length * 2);
    while (size < this.pos + n) size *= 2;
    const next = allocBytes(size);
    copyPrefix(next, this.buf, this.pos);
    this.buf = next;
  }

  /** Unsigned LEB128, for integers 0 … 2^53 − 1. */
  uint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not an unsigned safe integer: ${value}`);
    this.ensure(8);
    while (value >= 0x80) {
      this.buf[this.pos++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buf[this.pos++] = value;
    return this;
  }

  double(value: number): this {
    this.ensure(8);
    writeDoubleLE(this.buf, this.pos, value);
    this.pos += 8;
    return this;
  }

  bytes(value: Uint8Array): this {
    this.uint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  string(value: string): this {
    const n = value.length;
    // Short ASCII strings (ids, keys) are the common case: write them without a TextEncoder call.
    if (n <= ASCII_FAST_PATH_CHARS_MAX) {
      this.ensure(n + 1);
      const start = this.pos;
      this.buf[this.pos++] = n;
      let k = 0;
      for (; k < n; k++) {
        const code = value.charCodeAt(k);
        if (code >= 0x80) break;
        this.buf[this.pos++] = code;
      }
      if (k === n) return this;
      this.pos = start; // not ASCII after all
    }
    return this.bytes(utf8Encoder.encode(value));
  }

  /** The bytes written. A writer sized exactly hands over its buffer; otherwise a right-sized copy. */
  finish(): Uint8Array {
    const n = this.pos;
    if (n === this.buf.length) return this.buf;
    const out = allocBytes(n);
    copyPrefix(out, this.buf, n);
    return out;
  }
}

export class BinaryReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  uint(): number {
    let result = 0;
    let scale = 1;
    for (let shift = 0; shift < 8; shift++) {
      if (this.pos >= this.buf.length) throw new DecodeError('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (!Number.isSafeInteger(result)) throw new DecodeError('varint exceeds 2^53');
        return result;
      }
      scale *= 0x80;
    }
    throw new DecodeError('varint too long');
  }

  double(): number {
    if (this.remaining < 8) throw new DecodeError('truncated double');
    const v = readDoubleLE(this.buf, this.pos);
    this.pos += 8;
    return v;
  }

  /** Where the next read starts. */
  get position(): number {
    return this.pos;
  }

  bytes(): Uint8Array {
    const start = this.skipBytes();
    return this.buf.subarray(start, this.pos);
  }

  /**
   * Reads past a length-prefixed field (what `bytes()` reads) and returns where its bytes start; they end
   * at `position`. For a caller that only compares or copies them: no view is made.
   */
  skipBytes(): number {
    const n = this.uint();
    if (n > this.remaining) throw new DecodeError(`length ${n} exceeds the ${this.remaining} bytes left`);
    const start = this.pos;
    this.pos += n;
    return start;
  }

  string(): string {
    return decodeUtf8(this.bytes());
  }
}
