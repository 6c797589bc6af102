// Checks a lock table's observable history — command results and the status of every lock after every
// command — against the service's promises, without re-implementing the table:
// - mutual exclusion: a new lease (token) appears only once the previous one ended (expired at
//   expiresAt ≤ now, or released), so no two owners hold unexpired leases at the same log time;
// - tokens increase strictly per lock;
// - FIFO: a lock passes to the earliest-queued waiter whose deadline has not passed, never skipping a
//   live waiter and never granting one that gave up;
// - results agree with the state (a grant's token is the holder's, a renew moves expiresAt to now + ttl).
import type { LockCommand, LockResult, LockStatus } from '../../src/index.js';

export type Outcome = { readonly ok: true; readonly result: LockResult } | { readonly ok: false; readonly error: string };

interface QueueEntry {
  readonly owner: string;
  readonly ttlMs: number;
  readonly deadline: number;
  granted: boolean;
}

interface Lease {
  readonly owner: string;
  readonly token: number;
  expiresAt: number;
  released: boolean;
}

interface LockModel {
  lease: Lease | null;
  lastToken: number;
  queue: QueueEntry[];
}

export interface HistoryStats {
  directGrants: number;
  promotions: number;
  expiries: number;
  releases: number;
  renewals: number;
  queued: number;
  rejected: Record<string, number>;
  errors: number;
}

export class LockHistoryChecker {
  readonly violations: string[] = [];
  readonly stats: HistoryStats = { directGrants: 0, promotions: 0, expiries: 0, releases: 0, renewals: 0, queued: 0, rejected: {}, errors: 0 };
  private readonly locks = new Map<string, LockModel>();

  constructor(private readonly names: readonly string[]) {
    for (const name of names) this.locks.set(name, { lease: null, lastToken: 0, queue: [] });
  }

  /** Record one applied command at log time `nowMs`, with the status of every lock right after it. */
  observe(step: number, nowMs: number, command: LockCommand, outcome: Outcome, statusOf: (name: string) => LockStatus): void {
    const fail = (what: string) => this.violations.push(`step ${step} at ${nowMs}: ${what}`);
    if (!outcome.ok) this.stats.errors++;
    else if (outcome.result.kind === 'rejected') this.stats.rejected[outcome.result.reason] = (this.stats.rejected[outcome.result.reason] ?? 0) + 1;
    const res = outcome.ok ? outcome.result : undefined;
    // 1. A release ends its lease now; it must have been alive (a release of an expired lease is refused).
    if (command.type === 'release' && res?.kind === 'released') {
      const lease = this.model(command.name).lease;
      if (!lease || lease.owner !== command.owner || lease.token !== command.token || lease.released || lease.expiresAt <= nowMs) {
        fail(`release of ${command.owner}/${command.token} on ${command.name} succeeded, but that lease was not alive`);
      } else lease.released = true;
      this.stats.releases++;
    }
    // 2. Lease changes, lock by lock.
    for (const name of this.names) this.observeLock(name, nowMs, command, res, statusOf(name), fail);
    // 3. Results against the state after the command.
    if (res !== undefined && command.type !== 'tick') this.checkResult(nowMs, command, res, statusOf(command.name), fail);
    // 4. The table's wait queue is the model's live queue, in order.
    for (const name of this.names) {
      const live = this.liveEntries(name, nowMs).map((e) => e.owner);
      const shown = statusOf(name).waiters.map((w) => w.owner);
      if (live.join() !== shown.join()) fail(`${name}: waiters ${JSON.stringify(shown)}, expected ${JSON.stringify(live)}`);
    }
  }

  private observeLock(name: string, nowMs: number, command: LockCommand, res: LockResult | undefined, s: LockStatus, fail: (what: string) => void): void {
    const m = this.model(name);
    const cur = m.lease;
    if (s.token !== null && s.holder !== null && s.expiresAt !== null && s.token !== cur?.token) {
      if (s.token <= m.lastToken) fail(`${name}: token ${s.token} after token ${m.lastToken}: tokens must increase strictly`);
      if (cur && !cur.released && cur.expiresAt > nowMs) {
        fail(`${name}: granted to ${s.holder} (token ${s.token}) while ${cur.owner}'s lease (token ${cur.token}) runs until ${cur.expiresAt}`);
      }
      if (cur && !cur.released) this.stats.expiries++;
      const entry = this.liveEntries(name, nowMs).find((e) => e.owner === s.holder);
      if (entry) {
        this.stats.promotions++;
        const ahead = m.queue.slice(0, m.queue.indexOf(entry)).filter((e) => !e.granted && e.deadline > nowMs);
        if (ahead.length > 0) fail(`${name}: ${s.holder} was granted ahead of earlier live waiter(s) ${ahead.map((e) => e.owner).join(',')}`);
        if (s.expiresAt !== nowMs + entry.ttlMs) fail(`${name}: promoted lease ends at ${s.expiresAt}, expected now + ${entry.ttlMs}`);
        entry.granted = true;
      } else {
        this.stats.directGrants++;
        const direct = command.type === 'acquire' && command.name === name && command.owner === s.holder && res?.kind === 'granted' && res.token === s.token;
        if (!direct) fail(`${name}: token ${s.token} for ${s.holder} appeared without an acquire or a queued waiter`);
        if (this.liveEntries(name, nowMs).length > 0) fail(`${name}: granted directly while waiters were still waiting`);
      }
      m.lease = { owner: s.holder, token: s.token, expiresAt: s.expiresAt, released: false };
      m.lastToken = s.token;
    } else if (s.token === null && cur) {
      if (!cur.released) {
        this.stats.expiries++;
        if (cur.expiresAt > nowMs) fail(`${name}: ${cur.owner}'s lease ended at ${nowMs} before its expiry ${cur.expiresAt}`);
      }
      if (this.liveEntries(name, nowMs).length > 0) fail(`${name}: became free while live waiters were queued`);
      m.lease = null;
    } else if (cur && s.expiresAt !== cur.expiresAt) {
      const renewed = command.type === 'renew' && command.name === name && res?.kind === 'renewed';
      if (!renewed) fail(`${name}: expiry moved from ${cur.expiresAt} to ${s.expiresAt} without a renew`);
      cur.expiresAt = s.expiresAt ?? cur.expiresAt;
    }
    if (s.expiresAt !== null && s.expiresAt <= nowMs) fail(`${name}: the state shows a lease that expired at ${s.expiresAt}`);
    // Waiters that gave up are forgotten by the model too, once the table can no longer grant them.
    m.queue = m.queue.filter((e) => !e.granted && e.deadline > nowMs);
  }

  private checkResult(nowMs: number, c: Exclude<LockCommand, { type: 'tick' }>, res: LockResult, s: LockStatus, fail: (what: string) => void): void {
    const m = this.model(c.name);
    switch (res.kind) {
      case 'granted':
        if (s.holder !== c.owner || s.token !== res.token || s.expiresAt !== res.expiresAt) fail(`${c.name}: grant ${JSON.stringify(res)} disagrees with the state`);
        break;
      case 'held':
        if (s.holder !== res.holder || s.holder === c.owner) fail(`${c.name}: 'held by ${res.holder}' but the holder is ${s.holder}`);
        break;
      case 'queued': {
        if (c.type !== 'acquire') break;
        this.stats.queued++;
        const live = this.liveEntries(c.name, nowMs);
        let entry = live.find((e) => e.owner === c.owner);
        if (!entry) {
          if (res.waitDeadline !== nowMs + (c.waitMs ?? 0)) fail(`${c.name}: queued until ${res.waitDeadline}, expected now + ${c.waitMs}`);
          entry = { owner: c.owner, ttlMs: c.ttlMs, deadline: res.waitDeadline, granted: false };
          m.queue.push(entry);
        } else if (res.waitDeadline !== entry.deadline) fail(`${c.name}: a repeated acquire moved ${c.owner}'s deadline`);
        const position = this.liveEntries(c.name, nowMs).indexOf(entry) + 1;
        if (res.position !== position) fail(`${c.name}: ${c.owner} at position ${res.position}, expected ${position}`);
        break;
      }
      case 'renewed':
        this.stats.renewals++;
        if (c.type !== 'renew' || s.expiresAt !== nowMs + c.ttlMs || s.token !== c.token) fail(`${c.name}: renew result disagrees with the state`);
        break;
      case 'released':
        if ((res.next?.token ?? null) !== s.token || (res.next?.owner ?? null) !== s.holder) fail(`${c.name}: release says next is ${JSON.stringify(res.next)}`);
        break;
      case 'rejected': {
        const expected = s.holder === null ? 'expired' : s.holder !== c.owner ? 'not-holder' : 'stale-token';
        if (res.reason !== expected) fail(`${c.name}: rejected as ${res.reason}, expected ${expected}`);
        if (c.type !== 'acquire' && s.holder === c.owner && s.token === c.token) fail(`${c.name}: the holder's own current token was rejected`);
        break;
      }
      case 'ticked':
        fail(`a ${c.type} returned a tick result`);
    }
  }

  private liveEntries(name: string, nowMs: number): QueueEntry[] {
    return this.model(name).queue.filter((e) => !e.granted && e.deadline > nowMs);
  }

  private model(name: string): LockModel {
    const m = this.locks.get(name);
    if (!m) throw new Error(`lock ${name} is not among the checked names`);
    return m;
  }
}
