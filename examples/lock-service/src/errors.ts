import type { LockLimits } from './types.js';

/**
 * Base class of the lock service's refusals. Thrown from `apply`, so the command fails identically on
 * every replica; through RaftNode the caller sees an ApplyError carrying this message.
 */
export class LockServiceError extends Error {
  constructor(
    /** Stable, for programs to switch on. */
    readonly code: 'LOCK_ARGUMENT' | 'LOCK_LIMIT' | 'LOCK_UNEXPECTED_RESULT',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A command field is malformed or outside its bound (a name too long, a ttl that is not a positive integer). */
export class LockArgumentError extends LockServiceError {
  constructor(
    /** The offending field: 'name', 'owner', 'ttlMs', 'waitMs', 'token', 'type'. */
    readonly field: string,
    detail: string,
  ) {
    super('LOCK_ARGUMENT', `lock service: bad ${field}: ${detail}`);
  }
}

/** A bound on the replicated state was reached (too many locks, or a full wait queue). Retry later. */
export class LockLimitError extends LockServiceError {
  constructor(
    readonly limit: keyof Pick<LockLimits, 'maxLocks' | 'maxWaitersPerLock'>,
    readonly value: number,
    detail: string,
  ) {
    super('LOCK_LIMIT', `lock service: ${detail} (${limit} = ${value})`);
  }
}

/** A client got a result of the wrong kind for its command: a mismatched definition or a bug. */
export class UnexpectedLockResultError extends LockServiceError {
  constructor(command: string, kind: string) {
    super('LOCK_UNEXPECTED_RESULT', `lock service: ${command} returned a '${kind}' result`);
  }
}
