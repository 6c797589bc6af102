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

export class BinaryWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(initialBytes = 64) {
    this.buf = new Uint8Array(initialBytes);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.byteLength) return;
    let size = this.buf.byteLength * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
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
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  bytes(value: Uint8Array): this {
    this.uint(value.byteLength);
    this.ensure(value.byteLength);
    this.buf.set(value, this.pos);
    this.pos += value.byteLength;
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

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

export class BinaryReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.byteLength - this.pos;
  }

  uint(): number {
    let result = 0;
    let scale = 1;
    for (let shift = 0; shift < 8; shift++) {
      if (this.pos >= this.buf.byteLength) throw new DecodeError('truncated varint');
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
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  bytes(): Uint8Array {
    const n = this.uint();
    if (n > this.remaining) throw new DecodeError(`length ${n} exceeds the ${this.remaining} bytes left`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    const b = this.bytes();
    if (b.byteLength <= ASCII_FAST_PATH_CHARS_MAX) {
      let ascii = true;
      for (let k = 0; k < b.byteLength; k++) if (b[k]! >= 0x80) ascii = false;
      if (ascii) return String.fromCharCode.apply(null, b as unknown as number[]);
    }
    return utf8Decoder.decode(b);
  }
}
