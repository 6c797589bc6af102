// The lock service's commands, results, queries and limits. Times are milliseconds of log time (the
// leader-stamped ApplyContext.logTimeMs), never of any node's wall clock.

/**
 * Take the lock `name` for `owner` for `ttlMs` of log time. If another owner holds it and `waitMs` > 0,
 * join the FIFO wait queue until log time `now + waitMs`.
 */
export interface AcquireCommand {
  readonly type: 'acquire';
  readonly name: string;
  readonly owner: string;
  readonly ttlMs: number;
  readonly waitMs?: number;
}

/** Extend the lease `token` on `name` to `now + ttlMs`. */
export interface RenewCommand {
  readonly type: 'renew';
  readonly name: string;
  readonly owner: string;
  readonly token: number;
  readonly ttlMs: number;
}

/** Give the lease `token` on `name` back; the head live waiter (if any) is granted the lock. */
export interface ReleaseCommand {
  readonly type: 'release';
  readonly name: string;
  readonly owner: string;
  readonly token: number;
}

/** Advance log time only: expire leases and hand locks to waiters even when no client writes. */
export interface TickCommand {
  readonly type: 'tick';
}

export type LockCommand = AcquireCommand | RenewCommand | ReleaseCommand | TickCommand;

/** The lock is (now) the caller's. `token` is the fencing token: pass it to every guarded resource. */
export interface Granted {
  readonly kind: 'granted';
  readonly token: number;
  readonly expiresAt: number;
}

/** Another owner holds an unexpired lease and the caller asked not to wait. */
export interface Held {
  readonly kind: 'held';
  readonly holder: string;
  readonly expiresAt: number;
}

/** The caller waits in the lock's FIFO queue (1-based `position`) until log time `waitDeadline`. */
export interface Queued {
  readonly kind: 'queued';
  readonly position: number;
  readonly waitDeadline: number;
}

export interface Renewed {
  readonly kind: 'renewed';
  readonly token: number;
  readonly expiresAt: number;
}

/** The lease is now `next`'s (the head live waiter), or free when `next` is null. */
export interface Released {
  readonly kind: 'released';
  readonly next: LeaseGrant | null;
}

/**
 * Why a renew or release was refused:
 * - `expired`: the lock is free — the caller's lease expired (or was released earlier);
 * - `not-holder`: another owner holds the lock now;
 * - `stale-token`: the caller holds the lock under a newer grant; this token is an old one.
 */
export type RejectReason = 'expired' | 'not-holder' | 'stale-token';

export interface Rejected {
  readonly kind: 'rejected';
  readonly reason: RejectReason;
}

/** What one tick did: leases that expired at this log time, and waiters granted in their place. */
export interface Ticked {
  readonly kind: 'ticked';
  readonly expired: number;
  readonly granted: number;
}

export type AcquireResult = Granted | Held | Queued;
export type RenewResult = Renewed | Rejected;
export type ReleaseResult = Released | Rejected;
export type TickResult = Ticked;
export type LockResult = AcquireResult | RenewResult | ReleaseResult | TickResult;

export interface LeaseGrant {
  readonly owner: string;
  readonly token: number;
  readonly expiresAt: number;
}

export interface LockWaiter {
  readonly owner: string;
  readonly ttlMs: number;
  readonly waitDeadline: number;
}

export interface StatusQuery {
  readonly type: 'status';
  readonly name: string;
}

/** Counts for operators, and the next lease expiry (when a `tick` would change something). */
export interface SummaryQuery {
  readonly type: 'summary';
}

export type LockQuery = StatusQuery | SummaryQuery;

/**
 * One lock as of the last applied command (`asOfLogTimeMs`). A free lock has holder, token and
 * expiresAt null. `waiters` lists only waiters whose deadline had not passed at `asOfLogTimeMs`.
 */
export interface LockStatus {
  readonly kind: 'status';
  readonly name: string;
  readonly holder: string | null;
  readonly token: number | null;
  readonly expiresAt: number | null;
  readonly waiters: readonly LockWaiter[];
  readonly asOfLogTimeMs: number;
}

export interface LockSummary {
  readonly kind: 'summary';
  /** Locks with a holder (a free lock is not stored). */
  readonly locks: number;
  /** Entries in all wait queues, including ones whose deadline passed and are not yet dropped. */
  readonly waiters: number;
  /** The earliest lease expiry, or null when no lock is held: a server proposes `tick` around then. */
  readonly nextExpiryMs: number | null;
  /** The last fencing token issued. */
  readonly lastToken: number;
  readonly asOfLogTimeMs: number;
}

export type LockQueryResult = LockStatus | LockSummary;

/** Bounds on everything the replicated state holds; a command beyond one fails with a typed error. */
export interface LockLimits {
  /** Lock names longer than this many UTF-8 bytes are refused. Default 256. */
  readonly maxNameBytes: number;
  /** Owner ids longer than this many UTF-8 bytes are refused. Default 256. */
  readonly maxOwnerBytes: number;
  /** Held locks at once; an acquire of a new lock beyond it fails. Default 100 000. */
  readonly maxLocks: number;
  /** Waiters queued on one lock; an acquire that would queue beyond it fails. Default 1 000. */
  readonly maxWaitersPerLock: number;
  /** The longest lease a grant or renew may ask for. Default 1 hour. */
  readonly maxTtlMs: number;
  /** The longest wait an acquire may ask for. Default 1 hour. */
  readonly maxWaitMs: number;
}

export const DEFAULT_LOCK_LIMITS: LockLimits = {
  maxNameBytes: 256,
  maxOwnerBytes: 256,
  maxLocks: 100_000,
  maxWaitersPerLock: 1_000,
  maxTtlMs: 3_600_000,
  maxWaitMs: 3_600_000,
};
