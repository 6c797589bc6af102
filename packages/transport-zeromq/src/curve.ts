/**
 * CURVE key helpers. Independent of raftbus (only zeromq): usable to provision keys for any ZeroMQ
 * application. Keys are 40-character Z85 strings (ZeroMQ RFC 32), as libzmq and zeromq.js use them.
 */
import { curveKeyPair } from 'zeromq';

export interface CurveKeyPair {
  /** Z85, 40 characters; share it with every node and client that must reach this one. */
  readonly publicKey: string;
  /** Z85, 40 characters; never leaves this node's configuration. */
  readonly secretKey: string;
}

/** A fresh CURVE key pair from libzmq (libsodium's crypto_box_keypair). */
export function generateCurveKeyPair(): CurveKeyPair {
  const { publicKey, secretKey } = curveKeyPair();
  return { publicKey, secretKey };
}

const Z85_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
const Z85_DECODE: readonly number[] = (() => {
  const table = new Array<number>(128).fill(-1);
  for (let i = 0; i < Z85_ALPHABET.length; i++) table[Z85_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** A CURVE key is 32 bytes, so 40 Z85 characters. */
export const CURVE_KEY_Z85_LENGTH = 40;

/** Decodes Z85 (length a multiple of 5) into bytes; returns undefined for anything that is not Z85. */
export function z85Decode(text: string): Uint8Array | undefined {
  if (text.length % 5 !== 0) return undefined;
  const out = new Uint8Array((text.length / 5) * 4);
  for (let block = 0; block < text.length / 5; block++) {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const code = text.charCodeAt(block * 5 + i);
      const digit = code < 128 ? Z85_DECODE[code]! : -1;
      if (digit < 0) return undefined;
      value = value * 85 + digit;
    }
    if (value > 0xffffffff) return undefined;
    out[block * 4] = value >>> 24;
    out[block * 4 + 1] = (value >>> 16) & 0xff;
    out[block * 4 + 2] = (value >>> 8) & 0xff;
    out[block * 4 + 3] = value & 0xff;
  }
  return out;
}

/** Encodes bytes (length a multiple of 4) as Z85. */
export function z85Encode(bytes: Uint8Array): string {
  if (bytes.length % 4 !== 0) throw new RangeError(`Z85 encodes multiples of 4 bytes, got ${bytes.length}`);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    let value = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    const chars: string[] = [];
    for (let j = 0; j < 5; j++) {
      chars.unshift(Z85_ALPHABET[value % 85]!);
      value = Math.floor(value / 85);
    }
    out += chars.join('');
  }
  return out;
}

/** True for a well-formed Z85 CURVE key (40 characters decoding to 32 bytes). */
export function isCurveKey(text: string): boolean {
  return text.length === CURVE_KEY_Z85_LENGTH && z85Decode(text) !== undefined;
}
