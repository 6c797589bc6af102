import type { Codec } from './state-machine.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** The bytes are the value. */
export const bytesCodec: Codec<Uint8Array> = {
  encode: (value) => value,
  decode: (bytes) => bytes,
};

export const utf8Codec: Codec<string> = {
  encode: (value) => utf8Encoder.encode(value),
  decode: (bytes) => utf8Decoder.decode(bytes),
};

/**
 * JSON, for convenience where speed does not matter. `undefined` encodes as an empty payload, so a
 * command or result of `void` type round-trips.
 */
export function jsonCodec<T>(): Codec<T> {
  return {
    encode: (value) => (value === undefined ? new Uint8Array(0) : utf8Encoder.encode(JSON.stringify(value))),
    decode: (bytes) => (bytes.byteLength === 0 ? (undefined as T) : (JSON.parse(utf8Decoder.decode(bytes)) as T)),
  };
}
