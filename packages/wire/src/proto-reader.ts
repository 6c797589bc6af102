import { WireDecodeError } from './errors.js';
import { WIRE_GROUP_END, WIRE_GROUP_START, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './tags.js';

/** Bytes of the longest varint (a 64-bit value takes at most ten 7-bit groups). */
const VARINT_BYTES_MAX = 10;
/** Length prefixes and tags are 32-bit varints: at most five bytes. */
const VARINT32_BYTES_MAX = 5;
/**
 * Bound on the nesting of unknown groups (wire types 3/4) being skipped, counted from the depth of the
 * message that holds them, as protobufjs and protoc count it: a hostile frame cannot recurse deeper.
 */
export const RECURSION_DEPTH_MAX = 100;
/**
 * Short ASCII strings (node ids, client ids: the same few, over and over) come from a small cache
 * indexed by a hash of their bytes, so a decoded frame allocates no string for them. Longer or
 * non-ASCII strings go through TextDecoder. 40 bytes covers a UUID (36), which is what @raftbus/client
 * uses as its client id: at 24 every request's client id went through TextDecoder and a new string.
 */
const STRING_CACHE_BYTES_MAX = 40;
/** Slots of the cache (a power of two); a colliding string replaces the previous one. */
const STRING_CACHE_SLOTS = 256;
const stringCache: string[] = new Array<string>(STRING_CACHE_SLOTS).fill('');

const TWO_POW_28 = 0x1000_0000;
const EMPTY_BYTES: Uint8Array = new Uint8Array(0);
// fatal: invalid UTF-8 is an error, not U+FFFD. ignoreBOM: a leading U+FEFF is kept, as protobufjs keeps it.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function malformed(detail: string): WireDecodeError {
  return new WireDecodeError('malformed', detail);
}

/**
 * A cursor over one frame. Every read takes `end`, the end of the message being read, and never reads
 * past it: a field that would cross it (a truncated varint, a length past the end) is 'malformed'.
 * Bytes fields come out as views of the frame (no copy): zeromq.js hands over a Buffer per message
 * that nothing writes to afterwards, so a view kept by the caller stays valid (and keeps the memory
 * the frame arrived in: a copy for frames up to 128 bytes, libzmq's receive buffer beyond).
 */
export class ProtoReader {
  pos = 0;
  /**
   * The first value seen that raftbus never sends (an unsafe integer, an unknown enum value, an empty
   * id), recorded rather than thrown: a frame's body is a oneof, and a later member on the wire
   * replaces an earlier one with whatever it held, so whether the value matters is known only at the
   * end of the frame. The top-level decoder clears it when the member changes and throws it at the
   * end. Structural damage ('malformed') is thrown at once: protobuf rejects it wherever it is.
   */
  invalid: WireDecodeError | undefined = undefined;

  constructor(readonly buf: Uint8Array) {}

  /** Records `error` unless an earlier one is recorded (the first one found is reported). */
  reject(error: WireDecodeError): void {
    this.invalid ??= error;
  }

  /** A field tag: a varint of at most 32 bits. */
  tag(end: number): number {
    if (this.pos < end) {
      const b = this.buf[this.pos]!;
      if (b < 0x80) {
        this.pos++;
        return b;
      }
    }
    return this.varint32Slow(end, VARINT32_BYTES_MAX, 'tag');
  }

  /**
   * A varint as an unsigned 32-bit value: the low 32 bits of up to ten bytes, as protobufjs reads
   * uint32 and (with `| 0`) int32 and enum fields.
   */
  uint32(end: number): number {
    if (this.pos < end) {
      const b = this.buf[this.pos]!;
      if (b < 0x80) {
        this.pos++;
        return b;
      }
    }
    return this.varint32Slow(end, VARINT_BYTES_MAX, 'varint');
  }

  private varint32Slow(end: number, bytesMax: number, what: string): number {
    const buf = this.buf;
    let value = 0;
    for (let i = 0; i < bytesMax; i++) {
      if (this.pos >= end) throw malformed(`truncated ${what} at ${this.pos}`);
      const b = buf[this.pos++]!;
      if (i < 4) value |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        value |= (b & 0x0f) << 28;
        // A tag or length has no bits beyond the 32nd.
        if (bytesMax === VARINT32_BYTES_MAX && b > 0x0f) throw malformed(`${what} over 32 bits at ${this.pos - 1}`);
      }
      if (b < 0x80) return value >>> 0;
    }
    throw malformed(`${what} longer than ${bytesMax} bytes at ${this.pos}`);
  }

  /** A uint64 field as a number; a value over 2^53 − 1 is recorded as 'invalidField' (raftbus never sends one). */
  uint64(end: number, field: string): number {
    const buf = this.buf;
    let pos = this.pos;
    let value = 0;
    // Up to 28 bits fit 32-bit integer arithmetic: the common case for terms, indexes and ids.
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw malformed(`truncated varint in ${field} at ${pos}`);
      const b = buf[pos++]!;
      value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return value;
      }
    }
    return this.uint64Tail(end, pos, value, 4, TWO_POW_28, field);
  }

  /** Continues a varint at `pos`, `value` so far from `read` bytes, `scale` = 2^(7·read), in floating point. */
  private uint64Tail(end: number, pos: number, value: number, read: number, scale: number, field: string): number {
    const buf = this.buf;
    // Floating point is exact below 2^53, and adding non-negative terms never rounds a sum that
    // reached 2^53 back below it, so every value over the bound is seen as one.
    for (; read < VARINT_BYTES_MAX; read++) {
      if (pos >= end) throw malformed(`truncated varint in ${field} at ${pos}`);
      const b = buf[pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        this.pos = pos;
        if (value > Number.MAX_SAFE_INTEGER) this.reject(new WireDecodeError('invalidField', `${field} exceeds 2^53 - 1`));
        return value;
      }
      scale *= 128;
    }
    throw malformed(`varint longer than ${VARINT_BYTES_MAX} bytes in ${field} at ${pos}`);
  }

  /** A bool: true when any of the varint's bits is set (protobufjs reads it the same way). */
  bool(end: number): boolean {
    const buf = this.buf;
    let value = false;
    for (let i = 0; i < VARINT_BYTES_MAX; i++) {
      if (this.pos >= end) throw malformed(`truncated bool at ${this.pos}`);
      const b = buf[this.pos++]!;
      if ((b & 0x7f) !== 0) value = true;
      if (b < 0x80) return value;
    }
    throw malformed(`varint longer than ${VARINT_BYTES_MAX} bytes at ${this.pos}`);
  }

  /** Reads a length prefix; returns the end of the length-delimited body, checked against `end`. */
  lengthEnd(end: number): number {
    const length = this.length32(end);
    const bodyEnd = this.pos + length;
    if (bodyEnd > end) throw malformed(`length ${length} at ${this.pos} runs past the end (${end})`);
    return bodyEnd;
  }

  private length32(end: number): number {
    if (this.pos < end) {
      const b = this.buf[this.pos]!;
      if (b < 0x80) {
        this.pos++;
        return b;
      }
    }
    return this.varint32Slow(end, VARINT32_BYTES_MAX, 'length');
  }

  /** A bytes field as a view of the frame (a shared empty array when empty). */
  bytes(end: number): Uint8Array {
    const bodyEnd = this.lengthEnd(end);
    const start = this.pos;
    this.pos = bodyEnd;
    if (bodyEnd === start) return EMPTY_BYTES;
    const buf = this.buf;
    return new Uint8Array(buf.buffer, buf.byteOffset + start, bodyEnd - start);
  }

  /** A string field; invalid UTF-8 is 'malformed'. */
  string(end: number): string {
    const bodyEnd = this.lengthEnd(end);
    const start = this.pos;
    this.pos = bodyEnd;
    const length = bodyEnd - start;
    if (length === 0) return '';
    return length <= STRING_CACHE_BYTES_MAX ? shortString(this.buf, start, bodyEnd) : decodeUtf8(this.buf, start, bodyEnd);
  }

  /**
   * Skips an unknown field whose tag was just read (protobuf requires a reader to skip fields it does
   * not know). `depth` is the nesting depth of the message holding the field.
   */
  skip(tag: number, end: number, depth: number): void {
    const fieldNumber = tag >>> 3;
    if (fieldNumber === 0) throw malformed(`field number 0 at ${this.pos}`);
    switch (tag & 7) {
      case WIRE_VARINT:
        for (let i = 0; ; i++) {
          // protobufjs skips any length; the encoding spec bounds a varint at ten bytes, and so does this.
          if (i === VARINT_BYTES_MAX) throw malformed(`unknown field's varint longer than ${VARINT_BYTES_MAX} bytes at ${this.pos}`);
          if (this.pos >= end) throw malformed(`truncated varint at ${this.pos}`);
          if (this.buf[this.pos++]! < 0x80) return;
        }
      case WIRE_I64:
        return this.skipBytes(8, end);
      case WIRE_LEN:
        this.pos = this.lengthEnd(end);
        return;
      case WIRE_I32:
        return this.skipBytes(4, end);
      case WIRE_GROUP_START:
        return this.skipGroup(fieldNumber, end, depth + 1);
      default:
        throw malformed(`wire type ${tag & 7} at ${this.pos}`);
    }
  }

  private skipBytes(n: number, end: number): void {
    if (this.pos + n > end) throw malformed(`truncated fixed-width field at ${this.pos}`);
    this.pos += n;
  }

  private skipGroup(fieldNumber: number, end: number, depth: number): void {
    if (depth > RECURSION_DEPTH_MAX) throw malformed(`groups nested deeper than ${RECURSION_DEPTH_MAX}`);
    for (;;) {
      if (this.pos >= end) throw malformed(`group ${fieldNumber} has no end`);
      const tag = this.tag(end);
      if ((tag & 7) === WIRE_GROUP_END) {
        if (tag >>> 3 !== fieldNumber) throw malformed(`group ${fieldNumber} ended by ${tag >>> 3}`);
        return;
      }
      this.skip(tag, end, depth);
    }
  }

  /** A field of this message (number ≤ fieldMax) seen with a tag the codec does not expect; or skip it. */
  unexpected(tag: number, end: number, depth: number, fieldMax: number, message: string): void {
    const fieldNumber = tag >>> 3;
    if (fieldNumber !== 0 && fieldNumber <= fieldMax) {
      throw malformed(`${message} field ${fieldNumber} with wire type ${tag & 7}`);
    }
    this.skip(tag, end, depth);
  }
}

function shortString(buf: Uint8Array, start: number, end: number): string {
  let hash = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x80) return decodeUtf8(buf, start, end);
    hash = (Math.imul(hash, 31) + c) | 0;
  }
  const slot = hash & (STRING_CACHE_SLOTS - 1);
  const cached = stringCache[slot]!;
  if (cached.length === end - start) {
    let same = true;
    for (let i = 0; same && i < cached.length; i++) same = cached.charCodeAt(i) === buf[start + i];
    if (same) return cached;
  }
  const str = String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  stringCache[slot] = str;
  return str;
}

function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  try {
    return utf8Decoder.decode(buf.subarray(start, end));
  } catch {
    // No `cause`: a cause marks an internal decoder failure (see peer.ts).
    throw new WireDecodeError('malformed', `invalid UTF-8 at ${start}`);
  }
}
