// One test per rule of the lock service, with explicit log times (crafted ApplyContext).
import t from 'tap';
import { BinaryWriter, type ApplyContext } from '@raftbus/state-machine';
import { LockArgumentError, LockLimitError, LockTable, type LockCommand, type LockLimits, type LockResult, type LockStatus, type LockSummary } from '../src/index.js';

const T0 = 1_700_000_000_000;

/** A table and a log: `at(ms, command)` applies `command` at log time T0 + ms. */
function harness(limits: Partial<LockLimits> = {}) {
  const table = new LockTable(limits);
  let index = 0;
  const ctx = (ms: number): ApplyContext => ({ index: ++index, term: 1, logTimeMs: T0 + ms });
  return {
    table,
    at: (ms: number, command: LockCommand): LockResult => table.apply(command, ctx(ms)),
    status: (name: string) => table.query({ type: 'status', name }) as LockStatus,
    summary: () => table.query({ type: 'summary' }) as LockSummary,
  };
}

const acquire = (name: string, owner: string, ttlMs: number, waitMs?: number): LockCommand =>
  waitMs === undefined ? { type: 'acquire', name, owner, ttlMs } : { type: 'acquire', name, owner, ttlMs, waitMs };
const renew = (name: string, owner: string, token: number, ttlMs: number): LockCommand => ({ type: 'renew', name, owner, token, ttlMs });
const release = (name: string, owner: string, token: number): LockCommand => ({ type: 'release', name, owner, token });
const tick: LockCommand = { type: 'tick' };

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

t.test('a free lock is granted with token 1 and expiresAt = logTimeMs + ttlMs', async (t) => {
  const h = harness();
  t.same(h.at(0, acquire('db', 'a', 1000)), { kind: 'granted', token: 1, expiresAt: T0 + 1000 });
  t.same(h.status('db'), { kind: 'status', name: 'db', holder: 'a', token: 1, expiresAt: T0 + 1000, waiters: [], asOfLogTimeMs: T0 });
});

t.test('an unexpired lease of another owner is never granted: without waitMs the caller learns the holder', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 1000));
  t.same(h.at(10, acquire('db', 'b', 1000)), { kind: 'held', holder: 'a', expiresAt: T0 + 1000 });
  t.same(h.at(999, acquire('db', 'b', 1000, 0)), { kind: 'held', holder: 'a', expiresAt: T0 + 1000 }, 'waitMs 0 means do not wait');
  t.equal(h.status('db').holder, 'a');
  t.equal(h.summary().lastToken, 1, 'no token was issued');
});

t.test('re-acquire by the holder returns the existing grant unchanged (idempotent)', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 1000));
  t.same(h.at(500, acquire('db', 'a', 5000, 100)), { kind: 'granted', token: 1, expiresAt: T0 + 1000 }, 'same token, same expiry; the new ttl is ignored');
  t.equal(h.summary().lastToken, 1);
});

t.test('a lease with expiresAt ≤ logTimeMs is expired: at expiresAt − 1 it holds, at expiresAt another owner gets it', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 1000));
  t.equal(h.at(999, acquire('db', 'b', 50)).kind, 'held');
  t.same(h.at(1000, acquire('db', 'b', 50)), { kind: 'granted', token: 2, expiresAt: T0 + 1050 });
});

t.test('tokens increase strictly per lock across all grants, also after a free lock is forgotten', async (t) => {
  const h = harness();
  const tokens: number[] = [];
  const grant = (ms: number, name: string, owner: string) => {
    const r = h.at(ms, acquire(name, owner, 100));
    if (r.kind !== 'granted') throw new Error(`expected a grant, got ${r.kind}`);
    tokens.push(r.token);
    return r.token;
  };
  const x1 = grant(0, 'x', 'a');
  h.at(1, release('x', 'a', x1));
  t.equal(h.summary().locks, 0, 'a free lock is not stored');
  grant(2, 'y', 'b');
  const x2 = grant(3, 'x', 'a');
  grant(200, 'x', 'c'); // after x2 expired
  t.same(tokens, [1, 2, 3, 4]);
  t.ok(x2 > x1, 'the same owner re-taking the lock gets a newer token');
});

t.test('renew extends the lease to logTimeMs + ttlMs for the holder with the current token', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 100));
  t.same(h.at(90, renew('db', 'a', 1, 500)), { kind: 'renewed', token: 1, expiresAt: T0 + 590 });
  t.equal(h.at(400, acquire('db', 'b', 10)).kind, 'held', 'the renewed lease holds past its first expiry');
  t.same(h.at(450, renew('db', 'a', 1, 10)), { kind: 'renewed', token: 1, expiresAt: T0 + 460 }, 'a renew may also shorten the lease');
  t.equal(h.summary().nextExpiryMs, T0 + 460, 'the next expiry follows the renewal');
});

t.test('renew is rejected for a non-holder, a stale token, and an expired lease', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 100));
  t.same(h.at(10, renew('db', 'b', 1, 100)), { kind: 'rejected', reason: 'not-holder' });
  t.same(h.at(100, renew('db', 'a', 1, 100)), { kind: 'rejected', reason: 'expired' }, 'at expiresAt the lease is gone');
  h.at(101, acquire('db', 'a', 100)); // token 2
  t.same(h.at(102, renew('db', 'a', 1, 100)), { kind: 'rejected', reason: 'stale-token' }, 'the old grant of the same owner is fenced');
  t.equal(h.status('db').expiresAt, T0 + 201, 'rejections change nothing');
});

t.test('release frees the lock; a stale token, a non-holder or an expired lease is rejected', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 100));
  t.same(h.at(1, release('db', 'b', 1)), { kind: 'rejected', reason: 'not-holder' });
  t.same(h.at(2, release('db', 'a', 7)), { kind: 'rejected', reason: 'stale-token' });
  t.same(h.at(3, release('db', 'a', 1)), { kind: 'released', next: null });
  t.equal(h.status('db').holder, null);
  t.same(h.at(4, release('db', 'a', 1)), { kind: 'rejected', reason: 'expired' }, 'a second release finds the lock free');
  h.at(10, acquire('db', 'a', 5));
  t.same(h.at(15, release('db', 'a', 2)), { kind: 'rejected', reason: 'expired' }, 'releasing after expiry tells the owner its lease lapsed');
});

t.test('waiters queue FIFO with a deadline; re-acquire by a waiter is idempotent', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 100));
  t.same(h.at(1, acquire('db', 'b', 300, 1000)), { kind: 'queued', position: 1, waitDeadline: T0 + 1001 });
  t.same(h.at(2, acquire('db', 'c', 400, 1000)), { kind: 'queued', position: 2, waitDeadline: T0 + 1002 });
  t.same(h.at(3, acquire('db', 'b', 999, 5)), { kind: 'queued', position: 1, waitDeadline: T0 + 1001 }, 'polling keeps the place and the deadline');
  t.same(h.at(4, acquire('db', 'c', 400)), { kind: 'queued', position: 2, waitDeadline: T0 + 1002 }, 'a waiter polling without waitMs is still queued');
  t.same(
    h.status('db').waiters,
    [
      { owner: 'b', ttlMs: 300, waitDeadline: T0 + 1001 },
      { owner: 'c', ttlMs: 400, waitDeadline: T0 + 1002 },
    ],
  );
  t.same(h.at(50, release('db', 'a', 1)), { kind: 'released', next: { owner: 'b', token: 2, expiresAt: T0 + 350 } }, 'the head waiter gets a new token and its own ttl from now');
  t.same(h.at(51, acquire('db', 'b', 300)), { kind: 'granted', token: 2, expiresAt: T0 + 350 }, 'the waiter learns its grant by re-acquiring');
  t.same(h.at(60, release('db', 'b', 2)), { kind: 'released', next: { owner: 'c', token: 3, expiresAt: T0 + 460 } });
  t.same(h.status('db').waiters, []);
});

t.test('on expiry the head live waiter is granted; waiters whose deadline passed (≤ now) are dropped', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 500));
  h.at(0, acquire('db', 'b', 100, 100)); // deadline T0+100
  h.at(0, acquire('db', 'c', 100, 500)); // deadline T0+500: passes exactly when a's lease ends
  h.at(0, acquire('db', 'd', 100, 600)); // deadline T0+600
  t.same(h.status('db').waiters.map((w) => w.owner), ['b', 'c', 'd']);
  t.same(h.at(200, tick), { kind: 'ticked', expired: 0, granted: 0 });
  t.same(h.status('db').waiters.map((w) => w.owner), ['c', 'd'], 'status lists only waiters still waiting');
  t.equal(h.summary().waiters, 3, 'b is dropped lazily, at the next hand-over or enqueue');
  t.same(h.at(500, tick), { kind: 'ticked', expired: 1, granted: 1 });
  const s = h.status('db');
  t.same([s.holder, s.token, s.expiresAt], ['d', 2, T0 + 600], 'b and c gave up (deadline ≤ now); d is granted');
  t.equal(h.summary().waiters, 0);
});

t.test('a lock whose waiters all gave up becomes free on expiry', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 500));
  h.at(0, acquire('db', 'b', 100, 100));
  h.at(600, tick);
  t.equal(h.status('db').holder, null);
  t.same(h.summary(), { kind: 'summary', locks: 0, waiters: 0, nextExpiryMs: null, lastToken: 1, asOfLogTimeMs: T0 + 600 });
});

t.test('expiry is lazy: any command advances log time, even one on another lock or one that fails', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 100));
  h.at(0, acquire('db', 'b', 100, 1000));
  h.at(150, acquire('other', 'z', 10));
  t.equal(h.status('db').holder, 'b', 'a command on another lock expired db and handed it to b');
  t.throws(() => h.at(300, acquire('', 'z', 10)), LockArgumentError);
  t.equal(h.status('db').holder, null, 'a refused command still advanced time: b expired at 250');
  t.equal(h.status('other').holder, null);
});

t.test('log time never moves back: an older stamp neither revives nor extends leases', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 100));
  h.at(200, tick);
  t.same(h.at(50, acquire('db', 'b', 100)), { kind: 'granted', token: 2, expiresAt: T0 + 300 }, 'time stays at 200 for an older stamp');
  t.equal(h.summary().asOfLogTimeMs, T0 + 200);
});

t.test('tick only advances time, and reports what expired and what was granted', async (t) => {
  const h = harness();
  t.same(h.at(0, tick), { kind: 'ticked', expired: 0, granted: 0 });
  h.at(0, acquire('x', 'a', 10));
  h.at(0, acquire('y', 'a', 10));
  h.at(0, acquire('y', 'b', 10, 100));
  t.same(h.at(10, tick), { kind: 'ticked', expired: 2, granted: 1 });
  t.equal(h.summary().lastToken, 3);
});

t.test('hand-overs at the same instant take tokens in (expiresAt, name) order on every replica', async (t) => {
  const h = harness();
  for (const name of ['m', 'k', 'z']) {
    h.at(0, acquire(name, 'a', 100));
    h.at(0, acquire(name, 'b', 100, 1000));
  }
  h.at(100, tick);
  t.same(['k', 'm', 'z'].map((n) => h.status(n).token), [4, 5, 6]);
});

t.test('bounds: names, owners, ttl, wait and tokens are checked, with typed errors that name the field', async (t) => {
  const h = harness({ maxNameBytes: 8, maxOwnerBytes: 4, maxTtlMs: 1000, maxWaitMs: 2000 });
  const fieldOf = (cmd: LockCommand) => {
    try {
      h.at(0, cmd);
      return 'accepted';
    } catch (e) {
      t.type(e, LockArgumentError);
      return (e as LockArgumentError).field;
    }
  };
  t.equal(fieldOf(acquire('ééééé', 'a', 10)), 'name', '5 characters are 10 UTF-8 bytes > 8');
  t.equal(fieldOf(acquire('', 'a', 10)), 'name');
  t.equal(fieldOf(acquire('db', 'owner', 10)), 'owner');
  t.equal(fieldOf(acquire('db', 'a', 0)), 'ttlMs');
  t.equal(fieldOf(acquire('db', 'a', 1.5)), 'ttlMs');
  t.equal(fieldOf(acquire('db', 'a', 1001)), 'ttlMs');
  t.equal(fieldOf(acquire('db', 'a', Number.NaN)), 'ttlMs');
  t.equal(fieldOf(acquire('db', 'a', 10, -1)), 'waitMs');
  t.equal(fieldOf(acquire('db', 'a', 10, 2001)), 'waitMs');
  t.equal(fieldOf(renew('db', 'a', 0, 10)), 'token');
  t.equal(fieldOf(release('db', 'a', 2.5)), 'token');
  t.equal(fieldOf({ type: 'bogus' } as unknown as LockCommand), 'type');
  t.equal(h.summary().locks, 0, 'nothing was taken');
  t.equal(fieldOf(acquire('dbdbdbdb', 'abcd', 1000, 2000)), 'accepted', 'values at the bounds are accepted');
  t.throws(() => h.table.query({ type: 'nope' } as never), LockArgumentError);
});

t.test('bounds: the number of held locks and the waiters per lock', async (t) => {
  const h = harness({ maxLocks: 2, maxWaitersPerLock: 2 });
  h.at(0, acquire('x', 'a', 100));
  h.at(0, acquire('y', 'a', 100));
  const before = h.table.snapshot();
  const tooMany = caught(() => h.at(0, acquire('z', 'a', 100)));
  t.type(tooMany, LockLimitError);
  t.match(tooMany, { limit: 'maxLocks', message: /maxLocks = 2/ });
  t.same(h.table.snapshot(), before, 'the refused acquire changed nothing');
  t.equal(h.at(0, acquire('x', 'a', 100)).kind, 'granted', 'existing locks are still served');
  h.at(0, acquire('x', 'b', 100, 50));
  h.at(0, acquire('x', 'c', 100, 500));
  const full = caught(() => h.at(0, acquire('x', 'd', 100, 500)));
  t.type(full, LockLimitError);
  t.match(full, { limit: 'maxWaitersPerLock', message: /wait queue of 'x' is full/ });
  t.equal(h.at(60, acquire('x', 'd', 100, 500)).kind, 'queued', "b's deadline passed, freeing its place");
  t.equal(h.at(100, acquire('z', 'a', 100)).kind, 'granted', 'expiry frees room for a new lock');
});

t.test('snapshot and restore keep holders, tokens, waiters, the token counter and log time', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 100));
  h.at(5, acquire('db', 'b', 200, 1000));
  h.at(6, acquire('ö-lock', 'c', 300));
  const copy = new LockTable();
  copy.restore(h.table.snapshot());
  t.same(copy.snapshot(), h.table.snapshot(), 'byte-identical after a round trip');
  t.same(copy.query({ type: 'status', name: 'db' }), h.status('db'));
  t.same(copy.query({ type: 'summary' }), h.summary());
  const next = copy.apply(acquire('new', 'z', 10), { index: 99, term: 2, logTimeMs: T0 + 7 });
  t.same(next, { kind: 'granted', token: 3, expiresAt: T0 + 17 }, 'the counter survived: no token is reused after a restart');
  copy.apply(tick, { index: 100, term: 2, logTimeMs: T0 + 100 });
  t.equal((copy.query({ type: 'status', name: 'db' }) as LockStatus).holder, 'b', 'restored leases expire and hand over');
});

t.test('a bad snapshot is refused and the state stays as it was', async (t) => {
  const h = harness();
  h.at(0, acquire('db', 'a', 100));
  const good = h.table.snapshot();
  const victim = new LockTable();
  victim.restore(good);
  const bad = [
    Uint8Array.of(9, ...good.subarray(1)),
    Uint8Array.of(...good, 0),
    good.subarray(0, good.byteLength - 3),
  ];
  for (const b of bad) t.throws(() => victim.restore(b), { name: 'DecodeError' });
  t.same(victim.snapshot(), good);
});

t.test('many renewals of one lease keep expiry exact (stale heap entries are dropped and compacted)', async (t) => {
  const h = harness();
  h.at(0, acquire('early', 'a', 20_000)); // stays at the heap's top, so stale 'db' entries pile up beneath it
  h.at(0, acquire('db', 'a', 30_000));
  for (let k = 1; k <= 3000; k++) h.at(k, renew('db', 'a', 2, 30_000));
  t.equal(h.summary().nextExpiryMs, T0 + 20_000);
  t.same(h.at(20_000, tick), { kind: 'ticked', expired: 1, granted: 0 });
  t.equal(h.summary().nextExpiryMs, T0 + 33_000, 'the next expiry is the latest renewal');
  t.equal(h.at(32_999, acquire('db', 'b', 5)).kind, 'held');
  t.same(h.at(33_000, tick), { kind: 'ticked', expired: 1, granted: 0 }, 'exactly one expiry, however many renewals');
  t.equal(h.summary().nextExpiryMs, null);
});

t.test('a snapshot with a repeated lock or a token beyond the counter is refused', async (t) => {
  const table = (names: string[], token: number, lastToken: number) => {
    const w = new BinaryWriter().uint(1).double(0).uint(lastToken).uint(names.length);
    for (const name of names) w.string(name).string('o').uint(token).double(10).uint(0);
    return w.finish();
  };
  new LockTable().restore(table(['a', 'b'], 1, 1)); // well-formed
  t.throws(() => new LockTable().restore(table(['a', 'a'], 1, 1)), { name: 'DecodeError', message: /appears twice/ });
  t.throws(() => new LockTable().restore(table(['a'], 2, 1)), { name: 'DecodeError', message: /token 2 outside 1..1/ });
});

t.test('limits that make no sense are refused when the table is built', async (t) => {
  t.throws(() => new LockTable({ maxLocks: 0 }), LockArgumentError);
  t.throws(() => new LockTable({ maxTtlMs: 1.5 }), LockArgumentError);
});
