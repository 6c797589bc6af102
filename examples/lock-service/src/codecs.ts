// Binary codecs for the lock service: commands and results cross the log and the network on every
// request, so no JSON. Each message starts with a one-byte tag; a decoder refuses unknown tags and
// trailing bytes. Numbers a client chooses (ttlMs, waitMs, token) travel as doubles, so a bad value
// reaches `apply` intact and is refused there — the same way on every replica.
import { BinaryReader, BinaryWriter, DecodeError, type Codec } from '@raftbus/state-machine';
import type { LockCommand, LockQuery, LockQueryResult, LockResult, LockWaiter, RejectReason } from './types.js';

// Plain objects, not enums: Node's type stripping (Node 22+) cannot run enums.
const CommandTag = { Acquire: 1, Renew: 2, Release: 3, Tick: 4 } as const;

const ResultTag = { Granted: 1, Held: 2, Queued: 3, Renewed: 4, Released: 5, Rejected: 6, Ticked: 7 } as const;

const QueryTag = { Status: 1, Summary: 2 } as const;

const REJECT_REASONS: readonly RejectReason[] = ['expired', 'not-holder', 'stale-token'];

function done<T>(r: BinaryReader, value: T): T {
  if (r.remaining !== 0) throw new DecodeError(`${r.remaining} trailing bytes`);
  return value;
}

function writer(strings: number): BinaryWriter {
  return new BinaryWriter(24 + strings);
}

export const lockCommandCodec: Codec<LockCommand> = {
  encode(c) {
    switch (c.type) {
      case 'acquire': {
        const w = writer(c.name.length + c.owner.length).uint(CommandTag.Acquire).string(c.name).string(c.owner).double(c.ttlMs);
        return (c.waitMs === undefined ? w.uint(0) : w.uint(1).double(c.waitMs)).finish();
      }
      case 'renew':
        return writer(c.name.length + c.owner.length).uint(CommandTag.Renew).string(c.name).string(c.owner).double(c.token).double(c.ttlMs).finish();
      case 'release':
        return writer(c.name.length + c.owner.length).uint(CommandTag.Release).string(c.name).string(c.owner).double(c.token).finish();
      case 'tick':
        return writer(0).uint(CommandTag.Tick).finish();
    }
  },
  decode(bytes) {
    const r = new BinaryReader(bytes);
    const tag = r.uint();
    switch (tag) {
      case CommandTag.Acquire: {
        const name = r.string();
        const owner = r.string();
        const ttlMs = r.double();
        return done(r, r.uint() === 0 ? { type: 'acquire', name, owner, ttlMs } : { type: 'acquire', name, owner, ttlMs, waitMs: r.double() });
      }
      case CommandTag.Renew:
        return done(r, { type: 'renew', name: r.string(), owner: r.string(), token: r.double(), ttlMs: r.double() });
      case CommandTag.Release:
        return done(r, { type: 'release', name: r.string(), owner: r.string(), token: r.double() });
      case CommandTag.Tick:
        return done(r, { type: 'tick' });
      default:
        throw new DecodeError(`unknown lock command tag ${tag}`);
    }
  },
};

export const lockResultCodec: Codec<LockResult> = {
  encode(res) {
    const w = writer(0);
    switch (res.kind) {
      case 'granted':
        return w.uint(ResultTag.Granted).uint(res.token).double(res.expiresAt).finish();
      case 'held':
        return w.uint(ResultTag.Held).string(res.holder).double(res.expiresAt).finish();
      case 'queued':
        return w.uint(ResultTag.Queued).uint(res.position).double(res.waitDeadline).finish();
      case 'renewed':
        return w.uint(ResultTag.Renewed).uint(res.token).double(res.expiresAt).finish();
      case 'released':
        w.uint(ResultTag.Released);
        return (res.next === null ? w.uint(0) : w.uint(1).string(res.next.owner).uint(res.next.token).double(res.next.expiresAt)).finish();
      case 'rejected':
        return w.uint(ResultTag.Rejected).uint(REJECT_REASONS.indexOf(res.reason)).finish();
      case 'ticked':
        return w.uint(ResultTag.Ticked).uint(res.expired).uint(res.granted).finish();
    }
  },
  decode(bytes) {
    const r = new BinaryReader(bytes);
    const tag = r.uint();
    switch (tag) {
      case ResultTag.Granted:
        return done(r, { kind: 'granted', token: r.uint(), expiresAt: r.double() });
      case ResultTag.Held:
        return done(r, { kind: 'held', holder: r.string(), expiresAt: r.double() });
      case ResultTag.Queued:
        return done(r, { kind: 'queued', position: r.uint(), waitDeadline: r.double() });
      case ResultTag.Renewed:
        return done(r, { kind: 'renewed', token: r.uint(), expiresAt: r.double() });
      case ResultTag.Released:
        return done(r, { kind: 'released', next: r.uint() === 0 ? null : { owner: r.string(), token: r.uint(), expiresAt: r.double() } });
      case ResultTag.Rejected: {
        const reason = REJECT_REASONS[r.uint()];
        if (reason === undefined) throw new DecodeError('unknown reject reason');
        return done(r, { kind: 'rejected', reason });
      }
      case ResultTag.Ticked:
        return done(r, { kind: 'ticked', expired: r.uint(), granted: r.uint() });
      default:
        throw new DecodeError(`unknown lock result tag ${tag}`);
    }
  },
};

export const lockQueryCodec: Codec<LockQuery> = {
  encode: (q) => (q.type === 'status' ? writer(q.name.length).uint(QueryTag.Status).string(q.name) : writer(0).uint(QueryTag.Summary)).finish(),
  decode(bytes) {
    const r = new BinaryReader(bytes);
    const tag = r.uint();
    if (tag === QueryTag.Status) return done(r, { type: 'status', name: r.string() });
    if (tag === QueryTag.Summary) return done(r, { type: 'summary' });
    throw new DecodeError(`unknown lock query tag ${tag}`);
  },
};

export const lockQueryResultCodec: Codec<LockQueryResult> = {
  encode(res) {
    if (res.kind === 'summary') {
      const w = writer(0).uint(QueryTag.Summary).uint(res.locks).uint(res.waiters);
      (res.nextExpiryMs === null ? w.uint(0) : w.uint(1).double(res.nextExpiryMs)).uint(res.lastToken).double(res.asOfLogTimeMs);
      return w.finish();
    }
    const w = writer(res.name.length + 32 * res.waiters.length).uint(QueryTag.Status).string(res.name);
    if (res.holder === null || res.token === null || res.expiresAt === null) w.uint(0);
    else w.uint(1).string(res.holder).uint(res.token).double(res.expiresAt);
    w.uint(res.waiters.length);
    for (const waiter of res.waiters) w.string(waiter.owner).uint(waiter.ttlMs).double(waiter.waitDeadline);
    return w.double(res.asOfLogTimeMs).finish();
  },
  decode(bytes) {
    const r = new BinaryReader(bytes);
    const tag = r.uint();
    if (tag === QueryTag.Summary) {
      const locks = r.uint();
      const waiters = r.uint();
      const nextExpiryMs = r.uint() === 0 ? null : r.double();
      return done(r, { kind: 'summary', locks, waiters, nextExpiryMs, lastToken: r.uint(), asOfLogTimeMs: r.double() });
    }
    if (tag !== QueryTag.Status) throw new DecodeError(`unknown lock query result tag ${tag}`);
    const name = r.string();
    const held = r.uint() === 1;
    const holder = held ? r.string() : null;
    const token = held ? r.uint() : null;
    const expiresAt = held ? r.double() : null;
    const waiters: LockWaiter[] = [];
    for (let n = r.uint(); n > 0; n--) waiters.push({ owner: r.string(), ttlMs: r.uint(), waitDeadline: r.double() });
    return done(r, { kind: 'status', name, holder, token, expiresAt, waiters, asOfLogTimeMs: r.double() });
  },
};
