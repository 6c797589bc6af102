import t from 'tap';
import { DecodeError } from '@raftbus/state-machine';
import {
  LockClient,
  LockTicker,
  UnexpectedLockResultError,
  createLockService,
  lockService,
  type LockCommand,
  type LockQuery,
  type LockQueryResult,
  type LockResult,
  type TickerNode,
} from '../src/index.js';

const commands: LockCommand[] = [
  { type: 'acquire', name: 'db', owner: 'worker-1', ttlMs: 5000 },
  { type: 'acquire', name: 'dé', owner: 'ö', ttlMs: 1, waitMs: 0 },
  { type: 'acquire', name: 'db', owner: 'w', ttlMs: 5000, waitMs: 10_000 },
  { type: 'acquire', name: 'db', owner: 'w', ttlMs: -1.5, waitMs: Number.NaN }, // bad values reach apply intact
  { type: 'renew', name: 'db', owner: 'w', token: 2 ** 40, ttlMs: 100 },
  { type: 'release', name: 'db', owner: 'w', token: 7 },
  { type: 'tick' },
];

const results: LockResult[] = [
  { kind: 'granted', token: 1, expiresAt: 1_700_000_000_123.5 },
  { kind: 'held', holder: 'wörker', expiresAt: 2 },
  { kind: 'queued', position: 3, waitDeadline: 4 },
  { kind: 'renewed', token: 9, expiresAt: 5 },
  { kind: 'released', next: null },
  { kind: 'released', next: { owner: 'b', token: 10, expiresAt: 6 } },
  { kind: 'rejected', reason: 'expired' },
  { kind: 'rejected', reason: 'not-holder' },
  { kind: 'rejected', reason: 'stale-token' },
  { kind: 'ticked', expired: 2, granted: 1 },
];

const queries: LockQuery[] = [{ type: 'status', name: 'db' }, { type: 'summary' }];

const queryResults: LockQueryResult[] = [
  { kind: 'status', name: 'db', holder: null, token: null, expiresAt: null, waiters: [], asOfLogTimeMs: 1 },
  {
    kind: 'status',
    name: 'db',
    holder: 'a',
    token: 4,
    expiresAt: 10.25,
    waiters: [
      { owner: 'b', ttlMs: 100, waitDeadline: 20 },
      { owner: 'ç', ttlMs: 1, waitDeadline: 30 },
    ],
    asOfLogTimeMs: 5,
  },
  { kind: 'summary', locks: 3, waiters: 7, nextExpiryMs: 12.5, lastToken: 99, asOfLogTimeMs: 6 },
  { kind: 'summary', locks: 0, waiters: 0, nextExpiryMs: null, lastToken: 0, asOfLogTimeMs: 0 },
];

t.test('every command, result, query and query result round-trips through the binary codecs', async (t) => {
  const d = lockService;
  for (const c of commands) t.same(d.commandCodec.decode(d.commandCodec.encode(c)), c, `command ${c.type}`);
  for (const r of results) t.same(d.resultCodec.decode(d.resultCodec.encode(r)), r, `result ${r.kind}`);
  for (const q of queries) t.same(d.queryCodec.decode(d.queryCodec.encode(q)), q, `query ${q.type}`);
  for (const r of queryResults) t.same(d.queryResultCodec.decode(d.queryResultCodec.encode(r)), r, `query result ${r.kind}`);
  t.equal(d.commandCodec.encode(commands[0]!).byteLength, 1 + 3 + 9 + 8 + 1, 'an acquire is a few bytes: tag, two strings, a double, a flag');
});

t.test('decoders refuse unknown tags, trailing bytes and truncation with DecodeError', async (t) => {
  const d = lockService;
  const codecs = [d.commandCodec, d.resultCodec, d.queryCodec, d.queryResultCodec] as const;
  for (const codec of codecs) t.throws(() => codec.decode(Uint8Array.of(99)), DecodeError, 'unknown tag');
  t.throws(() => d.commandCodec.decode(Uint8Array.of(...d.commandCodec.encode({ type: 'tick' }), 0)), DecodeError, 'trailing byte');
  const acquire = d.commandCodec.encode(commands[2]!);
  t.throws(() => d.commandCodec.decode(acquire.subarray(0, acquire.byteLength - 1)), DecodeError, 'truncated');
  t.throws(() => d.resultCodec.decode(Uint8Array.of(6, 9)), DecodeError, 'unknown reject reason');
});

t.test('createLockService refuses bad limits up front; the definition builds independent tables', async (t) => {
  t.throws(() => createLockService({ maxWaitersPerLock: -1 }), { name: 'LockArgumentError' });
  const def = createLockService({ maxLocks: 1 });
  const a = def.create();
  const b = def.create();
  a.apply({ type: 'acquire', name: 'x', owner: 'o', ttlMs: 10 }, { index: 1, term: 1, logTimeMs: 0 });
  t.equal((b.query({ type: 'summary' }) as { locks: number }).locks, 0, 'tables share no state');
  t.equal(def.name, 'lock-service');
});

t.test('LockClient narrows results and refuses a result of the wrong kind', async (t) => {
  const table = lockService.create();
  let index = 0;
  const endpoint = {
    propose: async (c: LockCommand) => table.apply(c, { index: ++index, term: 1, logTimeMs: 1000 + index }),
    read: async (q: LockQuery) => table.query(q),
  };
  const client = new LockClient(endpoint);
  const grant = await client.acquire('db', 'a', 100);
  t.same(grant, { kind: 'granted', token: 1, expiresAt: 1101 });
  t.same(await client.acquire('db', 'b', 100, 50), { kind: 'queued', position: 1, waitDeadline: 1052 });
  t.same(await client.renew('db', 'a', 1, 100), { kind: 'renewed', token: 1, expiresAt: 1103 });
  t.same(await client.release('db', 'a', 1), { kind: 'released', next: { owner: 'b', token: 2, expiresAt: 1104 } });
  t.same(await client.tick(), { kind: 'ticked', expired: 0, granted: 0 });
  t.equal((await client.status('db')).holder, 'b');
  t.equal((await client.summary()).lastToken, 2);
  const liar = new LockClient({ propose: async () => ({ kind: 'ticked', expired: 0, granted: 0 }), read: async () => ({ kind: 'summary', locks: 0, waiters: 0, nextExpiryMs: null, lastToken: 0, asOfLogTimeMs: 0 }) });
  await t.rejects(liar.acquire('db', 'a', 1), UnexpectedLockResultError);
  await t.rejects(liar.renew('db', 'a', 1, 1), UnexpectedLockResultError);
  await t.rejects(liar.release('db', 'a', 1), UnexpectedLockResultError);
  await t.rejects(liar.status('db'), UnexpectedLockResultError);
  const liar2 = new LockClient({ propose: async () => ({ kind: 'held', holder: 'x', expiresAt: 0 }), read: async () => queryResults[0]! });
  await t.rejects(liar2.tick(), UnexpectedLockResultError);
  await t.rejects(liar2.summary(), UnexpectedLockResultError);
});

t.test('LockTicker proposes tick only on the leader, only when a lease is due, one at a time; failures are counted', async (t) => {
  let nowMs = 1000;
  let nextExpiryMs: number | null = 1500;
  const proposed: LockCommand[] = [];
  let failNext = false;
  const node: TickerNode & { isLeader: boolean } = {
    isLeader: false,
    read: async () => ({ kind: 'summary', locks: 1, waiters: 0, nextExpiryMs, lastToken: 1, asOfLogTimeMs: nowMs }),
    propose: async (c) => {
      proposed.push(c);
      if (failNext) throw new Error('no leader');
      return { kind: 'ticked', expired: 1, granted: 0 };
    },
  };
  const ticker = new LockTicker(node, { nowMs: () => nowMs });
  await ticker.check();
  t.equal(proposed.length, 0, 'a follower never ticks');
  node.isLeader = true;
  await ticker.check();
  t.equal(proposed.length, 0, 'nothing is due before the next expiry');
  nowMs = 1500;
  await Promise.all([ticker.check(), ticker.check()]);
  t.same(proposed, [{ type: 'tick' }], 'due: one tick, and a concurrent check does not add a second');
  failNext = true;
  await ticker.check();
  t.equal(ticker.tickFailures, 1);
  nextExpiryMs = null;
  await ticker.check();
  t.equal(ticker.ticksProposed, 2, 'no held lock: nothing to tick');
  ticker.start();
  ticker.start(); // idempotent
  ticker.stop();
  ticker.stop();
});
