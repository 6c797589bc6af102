import $protobuf from 'protobufjs/minimal.js';

/** Bytes of the longest varint (a 64-bit value takes at most ten 7-bit groups). */
const VARINT_BYTES_MAX = 10;

/**
 * A protobufjs reader whose uint64 fields come out as plain numbers. protobufjs would allocate a
 * `Long` per 64-bit field (several per message on the hot path) unless the process-wide
 * `util.Long = undefined; configure()` is set, which raftbus must not impose on other protobufjs users
 * in the same process. Values are exact up to 2^53 - 1; anything larger comes out ≥ 2^53 (no longer a
 * safe integer), which the decoders reject.
 */
export class NumberReader extends $protobuf.BufferReader {}

// Assigned outside the class body because protobufjs' typings declare uint64(): Long; every consumer
// of decoded uint64 fields in this package goes through uint64ToNumber, which accepts numbers.
(NumberReader.prototype as unknown as { uint64(this: NumberReader): number }).uint64 = function uint64(this: NumberReader): number {
    const buf = this.buf;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < VARINT_BYTES_MAX; i++) {
      if (this.pos >= this.len) throw new RangeError(`index out of range: ${this.pos} + 1 > ${this.len}`);
      const byte = buf[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw new Error('invalid varint encoding');
};

/** A NumberReader over `bytes` without copying (protobufjs' BufferReader needs a Buffer for strings). */
export function numberReader(bytes: Uint8Array): NumberReader {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new NumberReader(buffer);
}
