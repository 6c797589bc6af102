import { WireEncodeError } from './errors.js';

/**
 * Building blocks of the hand-written encoders. An encoder runs two passes over its input: a sizing
 * pass that checks every value and computes the length of every nested message, then one allocation of
 * exactly the frame's size, then a writing pass that fills it front to back. No Writer objects, no
 * intermediate arrays, no copies beyond the one of each payload into the frame.
 */

const TWO_POW_31 = 0x8000_0000;
/**
 * Payloads shorter than this are copied byte by byte: cheaper than a call to TypedArray#set. (The
 * codec reads `.length`, not `.byteLength`, of Uint8Arrays throughout: the same number, and on
 * Node 20's V8 the byteLength getter costs about ten times as much.)
 */
const COPY_LOOP_BYTES_MAX = 16;

/** Bytes of `value` (a safe non-negative integer) as a varint. */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x20_0000) return 3;
  if (value < 0x1000_0000) return 4;
  if (value < 0x8_0000_0000) return 5;
  if (value < 0x400_0000_0000) return 6;
  if (value < 0x2_0000_0000_0000) return 7;
  return 8; // up to 2^56 − 1, past Number.MAX_SAFE_INTEGER
}

/** Bytes of a length-delimited field's body of `length` bytes, with its one-byte tag and length prefix. */
export function lenFieldSize(length: number): number {
  return 1 + varintSize(length) + length;
}

/** Writes `value` (a safe non-negative integer) as a varint at `pos`; returns the position after it. */
export function writeVarint(buf: Uint8Array, pos: number, value: number): number {
  // Bitwise operators work on 32-bit integers: divide down until they apply.
  while (value >= TWO_POW_31) {
    buf[pos++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  while (value > 0x7f) {
    buf[pos++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  buf[pos++] = value;
  return pos;
}

/**
 * UTF-8 length of `str`, or throws WireEncodeError when it holds a lone surrogate: such a string has
 * no UTF-8 form (protobufjs would write bytes that every strict decoder, raftbus' included, rejects).
 */
export function utf8Length(str: string, field: string): number {
  const n = str.length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c < 0xd800 || c > 0xdfff) bytes += 2;
    else if (c < 0xdc00 && i + 1 < n && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two UTF-16 units, four UTF-8 bytes.
      bytes += 2;
      i++;
    } else throw new WireEncodeError(field, `lone UTF-16 surrogate at ${i}`);
  }
  return bytes;
}

/** Writes `str` (of UTF-8 length `byteLength`, from utf8Length) at `pos`; returns the position after it. */
export function writeUtf8(buf: Uint8Array, pos: number, str: string, byteLength: number): number {
  const n = str.length;
  if (byteLength === n) {
    // Equal lengths mean every character is ASCII.
    for (let i = 0; i < n; i++) buf[pos + i] = str.charCodeAt(i);
    return pos + n;
  }
  for (let i = 0; i < n; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      buf[pos++] = c;
    } else if (c < 0x800) {
      buf[pos++] = (c >> 6) | 0xc0;
      buf[pos++] = (c & 0x3f) | 0x80;
    } else if (c < 0xd800 || c > 0xdfff) {
      buf[pos++] = (c >> 12) | 0xe0;
      buf[pos++] = ((c >> 6) & 0x3f) | 0x80;
      buf[pos++] = (c & 0x3f) | 0x80;
    } else {
      // utf8Length accepted the string, so this is the first half of a pair.
      c = 0x10000 + ((c & 0x3ff) << 10) + (str.charCodeAt(++i) & 0x3ff);
      buf[pos++] = (c >> 18) | 0xf0;
      buf[pos++] = ((c >> 12) & 0x3f) | 0x80;
      buf[pos++] = ((c >> 6) & 0x3f) | 0x80;
      buf[pos++] = (c & 0x3f) | 0x80;
    }
  }
  return pos;
}

/** Writes a string field (tag, length, UTF-8 bytes); `byteLength` from utf8Length. */
export function writeStringField(buf: Uint8Array, pos: number, tag: number, str: string, byteLength: number): number {
  buf[pos++] = tag;
  pos = writeVarint(buf, pos, byteLength);
  return writeUtf8(buf, pos, str, byteLength);
}

/** Writes a bytes field (tag, length, the bytes). */
export function writeBytesField(buf: Uint8Array, pos: number, tag: number, data: Uint8Array): number {
  buf[pos++] = tag;
  const n = data.length;
  pos = writeVarint(buf, pos, n);
  if (n < COPY_LOOP_BYTES_MAX) {
    for (let i = 0; i < n; i++) buf[pos + i] = data[i]!;
  } else {
    buf.set(data, pos);
  }
  return pos + n;
}

/** Writes a varint field (one-byte tag, then the value). */
export function writeVarintField(buf: Uint8Array, pos: number, tag: number, value: number): number {
  buf[pos++] = tag;
  return writeVarint(buf, pos, value);
}

/**
 * Lengths of nested messages: the sizing pass reserves a slot per nested message in the order the
 * writing pass will meet them (parent before children), fills it once the children are summed, and
 * the writing pass reads them back in that order, so no length is computed twice. One instance per
 * encoder module; encoding is synchronous and never re-entered, so it is reset at each frame.
 */
export class SizeSlots {
  private sizes: number[] = [];
  private count = 0;
  private readAt = 0;

  reset(): void {
    this.count = 0;
    this.readAt = 0;
  }

  reserve(): number {
    return this.count++;
  }

  set(slot: number, size: number): void {
    this.sizes[slot] = size;
  }

  /** The next length in writing order. */
  next(): number {
    return this.sizes[this.readAt++]!;
  }

  /** True when the writing pass consumed exactly what the sizing pass produced. */
  get balanced(): boolean {
    return this.readAt === this.count;
  }
}

/** The frame buffer: uninitialised memory (every byte is written by the writing pass). */
export function allocFrame(bytes: number): Uint8Array {
  return Buffer.allocUnsafe(bytes);
}

/** Checks a number the caller wants to send as uint64 (a bug in the caller if this throws). */
export function checkUint64(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new WireEncodeError(field, `${value} is not a safe non-negative integer`);
  }
  return value;
}

const UINT32_MAX = 0xffff_ffff;

/** Checks a number the caller wants to send as uint32. */
export function checkUint32(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
    throw new WireEncodeError(field, `${value} is not an integer in [0, 2^32)`);
  }
  return value;
}
