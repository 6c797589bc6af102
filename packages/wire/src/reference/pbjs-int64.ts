import { WireDecodeError, WireEncodeError } from '../errors.js';

/**
 * protobufjs hands out uint64 values as `Long` objects when the `long` package is loaded (it is a
 * dependency of protobufjs), or as numbers when some code in the process has run
 * `util.Long = undefined; configure()`. raftbus must not change that global for other protobufjs users
 * in the same process, so it accepts both forms and converts explicitly.
 */
export interface LongBits {
  readonly low: number;
  readonly high: number;
}

/** 2^53 - 1 = high word 0x1fffff with any low word. */
const SAFE_HIGH_WORD_MAX = 0x1fffff;
const TWO_POW_32 = 0x1_0000_0000;

/** Decodes a uint64 field into a safe integer, or throws WireDecodeError('invalidField'). */
export function uint64ToNumber(value: number | LongBits | null | undefined, field: string): number {
  // Generated types mark every field optional; at run time an absent field reads as its default, 0.
  if (value == null) return 0;
  if (typeof value === 'number') {
    // Only reachable with Long disabled, where protobufjs already rounded values above 2^53.
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new WireDecodeError('invalidField', `${field} = ${value} is not a safe non-negative integer`);
    }
    return value;
  }
  const high = value.high >>> 0;
  if (high > SAFE_HIGH_WORD_MAX) {
    throw new WireDecodeError('invalidField', `${field} exceeds 2^53 - 1 (high word 0x${high.toString(16)})`);
  }
  return high * TWO_POW_32 + (value.low >>> 0);
}

/** Checks a number the caller wants to send as uint64 (a bug in the caller if this throws). */
export function checkUint64(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new WireEncodeError(field, `${value} is not a safe non-negative integer`);
  }
  return value;
}
