import { Buffer } from 'node:buffer';
import { LockArgumentError } from './errors.js';
import type { LockLimits } from './types.js';

/** A non-empty string of at most `maxBytes` UTF-8 bytes. */
export function checkText(field: 'name' | 'owner', value: unknown, maxBytes: number, limitName: keyof LockLimits): string {
  if (typeof value !== 'string' || value.length === 0) throw new LockArgumentError(field, 'must be a non-empty string');
  // value.length is a lower bound on the UTF-8 size, so most strings skip the exact count.
  if (value.length > maxBytes || Buffer.byteLength(value, 'utf8') > maxBytes) {
    throw new LockArgumentError(field, `${Buffer.byteLength(value, 'utf8')} UTF-8 bytes; the limit is ${maxBytes} (${limitName})`);
  }
  return value;
}

/** An integer number of milliseconds in [min, max]. */
export function checkMs(field: 'ttlMs' | 'waitMs', value: unknown, min: number, max: number, limitName: keyof LockLimits): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new LockArgumentError(field, `${String(value)} is not an integer in [${min}, ${max}] (${limitName} = ${max})`);
  }
  return value;
}

/** Fencing tokens are issued from 1 upwards. */
export function checkToken(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new LockArgumentError('token', `${String(value)} is not a token (a positive integer)`);
  }
  return value;
}

/** Limits are configuration: every replica must be built with the same ones, and they must make sense. */
export function checkLimits(limits: LockLimits): LockLimits {
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new LockArgumentError(`limits.${key}`, `${String(value)} is not a positive integer`);
  }
  return limits;
}
