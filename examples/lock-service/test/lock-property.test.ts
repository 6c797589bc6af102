// Randomized, seeded: random command sequences applied to two tables, one of them snapshotted and
// restored midway, must give identical results and states (determinism); the history of one of them
// must keep mutual exclusion, strictly increasing tokens and FIFO grants (see helpers/lock-history.ts).
//
// Replay one seed: LOCK_PROPERTY_SEED=<seed> TS_NODE_PROJECT=tsconfig.test.json npx tap examples/lock-service/test/lock-property.test.ts
import { Buffer } from 'node:buffer';
import t from 'tap';
import type { ApplyContext } from '@raftbus/state-machine';
import { LockTable, type LockCommand, type LockLimits, type LockStatus, type LockSummary } from '../src/index.js';
import { LockHistoryChecker, type HistoryStats, type Outcome } from './helpers/lock-history.js';
import { Prng } from './helpers/prng.js';

const NAMES = ['a', 'b', 'c', 'd'] as const;
const OWNERS = ['p', 'q', 'r', 's', 't'] as const;
/** Small bounds, so that the sequences also hit them. */
const LIMITS: Partial<LockLimits> = { maxLocks: 3, maxWaitersPerLock: 3, maxNameBytes: 4, maxOwnerBytes: 4, maxTtlMs: 400, maxWaitMs: 800 };
const SEEDS_COUNT = 40;
const STEPS_PER_SEED = 1_500;
const T0 = 1_700_000_000_000;

function outcomeOf(fn: () => unknown): Outcome {
  try {
    return { ok: true, result: fn() as Extract<Outcome, { ok: true }>['result'] };
  } catch (e) {
    return { ok: false, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** A random command; `view` (a replica's state before the command) makes renews and releases plausible. */
function randomCommand(rng: Prng, view: LockTable): LockCommand {
  const roll = rng.next();
  const name = rng.pick(NAMES);
  if (roll < 0.08) return { type: 'tick' };
  if (roll < 0.5) {
    const owner = rng.pick(OWNERS);
    const ttlMs = rng.chance(0.03) ? rng.pick([0, 401, 2.5]) : rng.int(1, 300);
    const badName = rng.chance(0.02) ? 'too-long' : name;
    if (rng.chance(0.4)) return { type: 'acquire', name: badName, owner, ttlMs };
    return { type: 'acquire', name: badName, owner, ttlMs, waitMs: rng.chance(0.1) ? 0 : rng.int(1, 600) };
  }
  const status = view.query({ type: 'status', name }) as LockStatus;
  const lastToken = (view.query({ type: 'summary' }) as LockSummary).lastToken;
  let owner: string = rng.pick(OWNERS);
  // Tokens are drawn from those issued before this command, so no command can act on a grant made
  // within the same command (which the checker could not observe).
  let token = rng.int(1, Math.max(1, lastToken));
  const pick = rng.next();
  if (status.holder !== null && status.token !== null && pick < 0.6) {
    owner = status.holder;
    token = status.token;
  } else if (status.holder !== null && status.token !== null && pick < 0.8) {
    owner = status.holder;
    token = Math.max(1, status.token - rng.int(1, 3));
  }
  if (roll < 0.75) return { type: 'renew', name, owner, token, ttlMs: rng.int(1, 300) };
  return { type: 'release', name, owner, token };
}

function runSeed(seed: number) {
  const rng = new Prng(seed);
  const a = new LockTable(LIMITS);
  let b = new LockTable(LIMITS);
  const checker = new LockHistoryChecker(NAMES);
  const mismatches: string[] = [];
  let nowMs = T0;
  for (let step = 1; step <= STEPS_PER_SEED; step++) {
    const gap = rng.next();
    nowMs += gap < 0.35 ? 0 : gap < 0.8 ? rng.int(1, 40) : rng.int(41, 300);
    const command = randomCommand(rng, a);
    const ctx: ApplyContext = { index: step, term: 1, logTimeMs: nowMs };
    const outA = outcomeOf(() => a.apply(command, ctx));
    const outB = outcomeOf(() => b.apply(command, ctx));
    if (JSON.stringify(outA) !== JSON.stringify(outB)) mismatches.push(`step ${step}: ${JSON.stringify(command)} → ${JSON.stringify(outA)} vs ${JSON.stringify(outB)}`);
    checker.observe(step, nowMs, command, outA, (name) => a.query({ type: 'status', name }) as LockStatus);
    if (step === STEPS_PER_SEED / 2) {
      const restored = new LockTable(LIMITS);
      restored.restore(b.snapshot());
      if (!Buffer.from(restored.snapshot()).equals(b.snapshot())) mismatches.push(`step ${step}: the restored snapshot differs from its source`);
      b = restored;
    }
  }
  const sameState = Buffer.from(a.snapshot()).equals(b.snapshot());
  const sameViews = NAMES.every((name) => JSON.stringify(a.query({ type: 'status', name })) === JSON.stringify(b.query({ type: 'status', name })));
  return { mismatches, violations: checker.violations, stats: checker.stats, sameState, sameViews };
}

const seeds = process.env.LOCK_PROPERTY_SEED ? [Number(process.env.LOCK_PROPERTY_SEED)] : Array.from({ length: SEEDS_COUNT }, (_, k) => 1000 + k);

t.test(`${seeds.length} seeds × ${STEPS_PER_SEED} random commands: determinism across snapshot/restore, mutual exclusion, increasing tokens, FIFO`, async (t) => {
  const total: HistoryStats = { directGrants: 0, promotions: 0, expiries: 0, releases: 0, renewals: 0, queued: 0, rejected: {}, errors: 0 };
  for (const seed of seeds) {
    const r = runSeed(seed);
    const replay = `replay: LOCK_PROPERTY_SEED=${seed}`;
    t.same(r.mismatches.slice(0, 3), [], `seed ${seed}: both replicas return the same results (${replay})`);
    t.ok(r.sameState && r.sameViews, `seed ${seed}: both replicas end in byte-identical states (${replay})`);
    t.same(r.violations.slice(0, 3), [], `seed ${seed}: the history keeps every lock promise (${replay})`);
    for (const k of ['directGrants', 'promotions', 'expiries', 'releases', 'renewals', 'queued', 'errors'] as const) total[k] += r.stats[k];
    for (const [reason, n] of Object.entries(r.stats.rejected)) total.rejected[reason] = (total.rejected[reason] ?? 0) + n;
  }
  t.comment(`exercised: ${JSON.stringify(total)}`);
  // The properties above are only as good as the histories: make sure every path was taken.
  if (seeds.length === SEEDS_COUNT) {
    for (const k of ['directGrants', 'promotions', 'expiries', 'releases', 'renewals', 'queued', 'errors'] as const) t.ok(total[k] > 0, `the sequences exercised ${k} (${total[k]})`);
    for (const reason of ['expired', 'not-holder', 'stale-token']) t.ok((total.rejected[reason] ?? 0) > 0, `the sequences exercised rejections for ${reason}`);
  }
});

t.test('the history checker catches a table that breaks its promises', async (t) => {
  // A mutual-exclusion bug: a lease granted over another owner's unexpired lease.
  const checker = new LockHistoryChecker(['a']);
  const status = (holder: string | null, token: number | null, expiresAt: number | null, waiters: LockStatus['waiters'] = []): LockStatus => ({
    kind: 'status',
    name: 'a',
    holder,
    token,
    expiresAt,
    waiters,
    asOfLogTimeMs: 0,
  });
  checker.observe(1, 0, { type: 'acquire', name: 'a', owner: 'p', ttlMs: 100 }, { ok: true, result: { kind: 'granted', token: 1, expiresAt: 100 } }, () => status('p', 1, 100));
  t.same(checker.violations, []);
  checker.observe(2, 50, { type: 'acquire', name: 'a', owner: 'q', ttlMs: 100 }, { ok: true, result: { kind: 'granted', token: 2, expiresAt: 150 } }, () => status('q', 2, 150));
  t.match(checker.violations[0], /granted to q .* while p's lease/);
  // A FIFO bug: the second waiter is granted while the first still waits; and a token going back.
  const fifo = new LockHistoryChecker(['a']);
  const w = (owner: string, waitDeadline: number) => ({ owner, ttlMs: 10, waitDeadline });
  fifo.observe(1, 0, { type: 'acquire', name: 'a', owner: 'p', ttlMs: 100 }, { ok: true, result: { kind: 'granted', token: 5, expiresAt: 100 } }, () => status('p', 5, 100));
  fifo.observe(2, 0, { type: 'acquire', name: 'a', owner: 'q', ttlMs: 10, waitMs: 500 }, { ok: true, result: { kind: 'queued', position: 1, waitDeadline: 500 } }, () => status('p', 5, 100, [w('q', 500)]));
  fifo.observe(3, 0, { type: 'acquire', name: 'a', owner: 'r', ttlMs: 10, waitMs: 500 }, { ok: true, result: { kind: 'queued', position: 2, waitDeadline: 500 } }, () => status('p', 5, 100, [w('q', 500), w('r', 500)]));
  t.same(fifo.violations, []);
  fifo.observe(4, 100, { type: 'tick' }, { ok: true, result: { kind: 'ticked', expired: 1, granted: 1 } }, () => status('r', 4, 110, [w('q', 500)]));
  t.match(fifo.violations.join('\n'), /ahead of earlier live waiter/);
  t.match(fifo.violations.join('\n'), /token 4 after token 5/);
});
