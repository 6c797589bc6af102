import { type ApplyContext, type StateMachine } from '@raftbus/state-machine';
import { LockArgumentError, LockLimitError } from './errors.js';
import { ExpiryHeap, type ExpiryEntry } from './expiry-heap.js';
import { decodeLockTable, encodeLockTable, type LockRecord, type LockTableState } from './snapshot.js';
import {
  DEFAULT_LOCK_LIMITS,
  type AcquireCommand,
  type AcquireResult,
  type LeaseGrant,
  type LockCommand,
  type LockLimits,
  type LockQuery,
  type LockQueryResult,
  type LockResult,
  type LockStatus,
  type LockSummary,
  type Rejected,
  type ReleaseCommand,
  type ReleaseResult,
  type RenewCommand,
  type RenewResult,
  type Ticked,
} from './types.js';
import { checkLimits, checkMs, checkText, checkToken } from './validate.js';

/** The heap is rebuilt once it holds more than this many entries per held lock (stale ones from renewals)… */
const HEAP_ENTRIES_PER_LOCK_MAX = 2;
/** …and at least this many entries, so that small tables never bother. */
const HEAP_REBUILD_ENTRIES_MIN = 1_024;

/**
 * Named locks with leases, FIFO waiters and fencing tokens, as a deterministic state machine.
 *
 * Time is the log time in ApplyContext (stamped by the leader, monotonic along the log); nothing here
 * reads a clock. Before each command, every lease with `expiresAt ≤ logTimeMs` expires and its lock
 * passes to the head waiter whose deadline has not passed (or becomes free). Fencing tokens come from one
 * counter for the whole table (like etcd's revision), so they increase strictly per lock — and across
 * locks — even after a free lock is forgotten; the counter is in every snapshot.
 */
export class LockTable implements StateMachine<LockCommand, LockResult, LockQuery, LockQueryResult> {
  readonly limits: LockLimits;
  /** Held locks only: a lock with no holder and no live waiter is deleted. */
  private locks = new Map<string, LockRecord>();
  private readonly expiries = new ExpiryHeap();
  private lastToken = 0;
  private logTimeMs = 0;
  private waiterCount = 0;

  constructor(limits: Partial<LockLimits> = {}) {
    this.limits = checkLimits({ ...DEFAULT_LOCK_LIMITS, ...limits });
  }

  apply(command: LockCommand, context: ApplyContext): LockResult {
    // Time passes before the command is looked at, so even a refused command expires leases: expiry is
    // a function of log time alone, identical on every replica.
    const ticked = this.advanceTo(context.logTimeMs);
    try {
      return this.execute(command, this.logTimeMs, ticked);
    } finally {
      this.tidyExpiries();
    }
  }

  query(query: LockQuery): LockQueryResult {
    switch (query.type) {
      case 'status':
        return this.status(query.name);
      case 'summary':
        return this.summary();
      default:
        throw new LockArgumentError('type', `unknown query type ${JSON.stringify((query as { type: unknown }).type)}`);
    }
  }

  snapshot(): Uint8Array {
    return encodeLockTable({ logTimeMs: this.logTimeMs, lastToken: this.lastToken, locks: this.locks });
  }

  restore(snapshot: Uint8Array): void {
    // Decode fully before touching the live state, so a bad snapshot leaves it as it was.
    const state: LockTableState = decodeLockTable(snapshot);
    this.logTimeMs = state.logTimeMs;
    this.lastToken = state.lastToken;
    this.locks = state.locks;
    this.waiterCount = 0;
    for (const rec of this.locks.values()) this.waiterCount += rec.waiters.length;
    this.rebuildExpiries();
  }

  // ── Commands ───────────────────────────────────────────────────────────────────────────────────

  private execute(command: LockCommand, nowMs: number, ticked: Ticked): LockResult {
    switch (command.type) {
      case 'acquire':
        return this.acquire(command, nowMs);
      case 'renew':
        return this.renew(command, nowMs);
      case 'release':
        return this.release(command, nowMs);
      case 'tick':
        return ticked;
      default:
        throw new LockArgumentError('type', `unknown command type ${JSON.stringify((command as { type: unknown }).type)}`);
    }
  }

  private acquire(c: AcquireCommand, nowMs: number): AcquireResult {
    const l = this.limits;
    const name = checkText('name', c.name, l.maxNameBytes, 'maxNameBytes');
    const owner = checkText('owner', c.owner, l.maxOwnerBytes, 'maxOwnerBytes');
    const ttlMs = checkMs('ttlMs', c.ttlMs, 1, l.maxTtlMs, 'maxTtlMs');
    const waitMs = c.waitMs === undefined ? 0 : checkMs('waitMs', c.waitMs, 0, l.maxWaitMs, 'maxWaitMs');
    const rec = this.locks.get(name);
    if (!rec) {
      if (this.locks.size >= l.maxLocks) throw new LockLimitError('maxLocks', l.maxLocks, `${this.locks.size} locks are held; cannot take '${name}'`);
      const grant = this.grant(name, owner, ttlMs, nowMs);
      this.locks.set(name, { holder: owner, token: grant.token, expiresAt: grant.expiresAt, waiters: [] });
      return { kind: 'granted', token: grant.token, expiresAt: grant.expiresAt };
    }
    // Idempotent: a retry, or a poll by a waiter that has since been granted, learns its grant unchanged.
    if (rec.holder === owner) return { kind: 'granted', token: rec.token, expiresAt: rec.expiresAt };
    this.dropPassedWaiters(rec, nowMs);
    const position = rec.waiters.findIndex((w) => w.owner === owner);
    if (position >= 0) return { kind: 'queued', position: position + 1, waitDeadline: rec.waiters[position]!.waitDeadline };
    if (waitMs === 0) return { kind: 'held', holder: rec.holder, expiresAt: rec.expiresAt };
    if (rec.waiters.length >= l.maxWaitersPerLock) {
      throw new LockLimitError('maxWaitersPerLock', l.maxWaitersPerLock, `the wait queue of '${name}' is full`);
    }
    const waitDeadline = nowMs + waitMs;
    rec.waiters.push({ owner, ttlMs, waitDeadline });
    this.waiterCount++;
    return { kind: 'queued', position: rec.waiters.length, waitDeadline };
  }

  private renew(c: RenewCommand, nowMs: number): RenewResult {
    const l = this.limits;
    const name = checkText('name', c.name, l.maxNameBytes, 'maxNameBytes');
    const owner = checkText('owner', c.owner, l.maxOwnerBytes, 'maxOwnerBytes');
    const token = checkToken(c.token);
    const ttlMs = checkMs('ttlMs', c.ttlMs, 1, l.maxTtlMs, 'maxTtlMs');
    const rec = this.locks.get(name);
    if (!rec) return { kind: 'rejected', reason: 'expired' };
    const refused = refusal(rec, owner, token);
    if (refused) return refused;
    rec.expiresAt = nowMs + ttlMs;
    this.expiries.push({ expiresAt: rec.expiresAt, name, token });
    return { kind: 'renewed', token, expiresAt: rec.expiresAt };
  }

  private release(c: ReleaseCommand, nowMs: number): ReleaseResult {
    const l = this.limits;
    const name = checkText('name', c.name, l.maxNameBytes, 'maxNameBytes');
    const owner = checkText('owner', c.owner, l.maxOwnerBytes, 'maxOwnerBytes');
    const token = checkToken(c.token);
    const rec = this.locks.get(name);
    if (!rec) return { kind: 'rejected', reason: 'expired' };
    const refused = refusal(rec, owner, token);
    if (refused) return refused;
    return { kind: 'released', next: this.handOver(name, rec, nowMs) };
  }

  // ── Time ───────────────────────────────────────────────────────────────────────────────────────

  /** Move log time forward to `logTimeMs` and expire every lease that ends at or before it. */
  private advanceTo(logTimeMs: number): Ticked {
    // Log time is monotonic along the log; a smaller stamp must never move time (and leases) back.
    if (logTimeMs > this.logTimeMs) this.logTimeMs = logTimeMs;
    const nowMs = this.logTimeMs;
    let expired = 0;
    let granted = 0;
    // Bounded by the heap size: each pass pops an entry, and a hand-over pushes one ending after nowMs.
    for (let top = this.expiries.peek(); top !== undefined && top.expiresAt <= nowMs; top = this.expiries.peek()) {
      this.expiries.pop();
      const rec = this.liveRecord(top);
      if (!rec) continue;
      expired++;
      if (this.handOver(top.name, rec, nowMs)) granted++;
    }
    return { kind: 'ticked', expired, granted };
  }

  /**
   * The lock's lease ended (expiry or release) at `nowMs`: grant it to the first waiter whose deadline
   * has not passed — a full new lease from now, under a new token — dropping waiters that gave up; or
   * forget the lock when nobody waits.
   */
  private handOver(name: string, rec: LockRecord, nowMs: number): LeaseGrant | null {
    for (let w = rec.waiters.shift(); w !== undefined; w = rec.waiters.shift()) {
      this.waiterCount--;
      if (w.waitDeadline <= nowMs) continue;
      const grant = this.grant(name, w.owner, w.ttlMs, nowMs);
      rec.holder = grant.owner;
      rec.token = grant.token;
      rec.expiresAt = grant.expiresAt;
      return grant;
    }
    this.locks.delete(name);
    return null;
  }

  private grant(name: string, owner: string, ttlMs: number, nowMs: number): LeaseGrant {
    const grant = { owner, token: ++this.lastToken, expiresAt: nowMs + ttlMs };
    this.expiries.push({ expiresAt: grant.expiresAt, name, token: grant.token });
    return grant;
  }

  private dropPassedWaiters(rec: LockRecord, nowMs: number): void {
    const before = rec.waiters.length;
    rec.waiters = rec.waiters.filter((w) => w.waitDeadline > nowMs);
    this.waiterCount -= before - rec.waiters.length;
  }

  private liveRecord(e: ExpiryEntry): LockRecord | undefined {
    const rec = this.locks.get(e.name);
    return rec !== undefined && rec.token === e.token && rec.expiresAt === e.expiresAt ? rec : undefined;
  }

  /** Keep the heap's top live (so `summary` can read the next expiry without changing anything) and its size bounded. */
  private tidyExpiries(): void {
    for (let top = this.expiries.peek(); top !== undefined && !this.liveRecord(top); top = this.expiries.peek()) this.expiries.pop();
    if (this.expiries.size > HEAP_REBUILD_ENTRIES_MIN && this.expiries.size > HEAP_ENTRIES_PER_LOCK_MAX * this.locks.size) {
      this.rebuildExpiries();
    }
  }

  private rebuildExpiries(): void {
    const entries: ExpiryEntry[] = [];
    for (const [name, rec] of this.locks) entries.push({ expiresAt: rec.expiresAt, name, token: rec.token });
    this.expiries.rebuild(entries);
  }

  // ── Queries ────────────────────────────────────────────────────────────────────────────────────

  private status(name: string): LockStatus {
    const rec = this.locks.get(name);
    const asOfLogTimeMs = this.logTimeMs;
    if (!rec) return { kind: 'status', name, holder: null, token: null, expiresAt: null, waiters: [], asOfLogTimeMs };
    return {
      kind: 'status',
      name,
      holder: rec.holder,
      token: rec.token,
      expiresAt: rec.expiresAt,
      waiters: rec.waiters.filter((w) => w.waitDeadline > asOfLogTimeMs).map((w) => ({ ...w })),
      asOfLogTimeMs,
    };
  }

  private summary(): LockSummary {
    return {
      kind: 'summary',
      locks: this.locks.size,
      waiters: this.waiterCount,
      nextExpiryMs: this.expiries.peek()?.expiresAt ?? null,
      lastToken: this.lastToken,
      asOfLogTimeMs: this.logTimeMs,
    };
  }
}

/** Why `owner` may not renew or release `token` on the held lock `rec`; undefined when it may. */
function refusal(rec: LockRecord, owner: string, token: number): Rejected | undefined {
  if (rec.holder !== owner) return { kind: 'rejected', reason: 'not-holder' };
  if (rec.token !== token) return { kind: 'rejected', reason: 'stale-token' };
  return undefined;
}
