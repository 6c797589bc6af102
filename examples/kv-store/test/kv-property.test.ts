// Randomized, seeded: random command sequences applied to two stores, one of them snapshotted and
// restored midway, must give identical results and states (determinism), and every result must agree
// with a plain Map model of the semantics.
//
// Replay one seed: KV_PROPERTY_SEED=<seed> TS_NODE_PROJECT=tsconfig.test.json npx tap examples/kv-store/test/kv-property.test.ts
import { Buffer } from 'node:buffer';
import t from 'tap';
import { KvStore, type KvCommand, type KvLimits, type KvResult } from '../src/index.js';
import { Prng } from './helpers/prng.js';

const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'] as const;
/** Small bounds, so that the sequences also hit them. */
const LIMITS: KvLimits = { maxKeyBytes: 4, maxValueBytes: 16, maxKeys: 4 };
const SEEDS_COUNT = 40;
const STEPS_PER_SEED = 1_500;

type Outcome = { ok: true; result: KvResult } | { ok: false; error: string };

function outcomeOf(fn: () => KvResult): Outcome {
  try {
    return { ok: true, result: fn() };
  } catch (e) {
    return { ok: false, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

function randomValue(rng: Prng, pool: Uint8Array[]): Uint8Array {
  if (pool.length > 0 && rng.chance(0.5)) return rng.pick(pool).slice(); // reuse, so cas sometimes matches
  const value = new Uint8Array(rng.chance(0.03) ? LIMITS.maxValueBytes + 1 : rng.int(0, 6));
  for (let k = 0; k < value.length; k++) value[k] = rng.int(0, 3);
  return value;
}

function randomCommand(rng: Prng, pool: Uint8Array[]): KvCommand {
  const key = rng.chance(0.02) ? 'k-too-long' : rng.pick(KEYS);
  const roll = rng.next();
  if (roll < 0.3) return { type: 'put', key, value: randomValue(rng, pool) };
  if (roll < 0.4) return { type: 'set', key, value: randomValue(rng, pool) };
  if (roll < 0.6) return { type: 'delete', key };
  return { type: 'cas', key, expected: rng.chance(0.3) ? null : randomValue(rng, pool), value: randomValue(rng, pool) };
}

/** What the semantics say: a result, or which error kind. */
function expected(model: Map<string, Uint8Array>, c: KvCommand): { result?: KvResult; error?: string } {
  if (c.key.length > LIMITS.maxKeyBytes) return { error: 'KvArgumentError' };
  if ((c.type !== 'delete' && c.value.byteLength > LIMITS.maxValueBytes) || (c.type === 'cas' && c.expected && c.expected.byteLength > LIMITS.maxValueBytes)) {
    return { error: 'KvArgumentError' };
  }
  const current = model.get(c.key) ?? null;
  if (c.type === 'delete') return { result: { kind: 'delete', deleted: model.delete(c.key) } };
  const matches = c.type === 'put' || c.type === 'set' || (c.expected === null ? current === null : current !== null && Buffer.from(current).equals(c.expected));
  if (!matches) return { result: { kind: 'cas', ok: false, value: current } };
  if (current === null && model.size >= LIMITS.maxKeys) return { error: 'KvLimitError' };
  model.set(c.key, c.value);
  if (c.type === 'set') return { result: { kind: 'set' } };
  return { result: c.type === 'put' ? { kind: 'put', previous: current } : { kind: 'cas', ok: true, value: c.value } };
}

function runSeed(seed: number) {
  const rng = new Prng(seed);
  const a = new KvStore(LIMITS);
  let b = new KvStore(LIMITS);
  const model = new Map<string, Uint8Array>();
  const pool: Uint8Array[] = [];
  const mismatches: string[] = [];
  const wrong: string[] = [];
  const seen = { put: 0, set: 0, delete: 0, casOk: 0, casFailed: 0, errors: 0 };
  for (let step = 1; step <= STEPS_PER_SEED; step++) {
    const command = randomCommand(rng, pool);
    if (command.type !== 'delete') pool.push(command.value);
    if (pool.length > 32) pool.shift();
    const outA = outcomeOf(() => a.apply(command));
    const outB = outcomeOf(() => b.apply(command));
    if (JSON.stringify(outA) !== JSON.stringify(outB)) mismatches.push(`step ${step}: ${JSON.stringify(outA)} vs ${JSON.stringify(outB)}`);
    const want = expected(model, command);
    const got = outA.ok ? { result: outA.result } : { error: outA.error.split(':')[0] };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`step ${step}: ${command.type} ${command.key} gave ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    if (!outA.ok) seen.errors++;
    else if (outA.result.kind === 'cas') seen[outA.result.ok ? 'casOk' : 'casFailed']++;
    else seen[outA.result.kind]++;
    if (step === STEPS_PER_SEED / 2) {
      const restored = new KvStore(LIMITS);
      restored.restore(b.snapshot());
      if (!Buffer.from(restored.snapshot()).equals(b.snapshot())) mismatches.push(`step ${step}: the restored snapshot differs from its source`);
      b = restored;
    }
  }
  for (const key of KEYS) {
    const v = a.query({ type: 'get', key });
    const m = model.get(key) ?? null;
    if (JSON.stringify(v) !== JSON.stringify(m)) wrong.push(`final get ${key}: ${JSON.stringify(v)} vs model ${JSON.stringify(m)}`);
  }
  return { mismatches, wrong, seen, sameState: Buffer.from(a.snapshot()).equals(b.snapshot()) };
}

const seeds = process.env.KV_PROPERTY_SEED ? [Number(process.env.KV_PROPERTY_SEED)] : Array.from({ length: SEEDS_COUNT }, (_, k) => 2000 + k);

t.test(`${seeds.length} seeds × ${STEPS_PER_SEED} random commands: determinism across snapshot/restore, results match the model`, async (t) => {
  const total = { put: 0, set: 0, delete: 0, casOk: 0, casFailed: 0, errors: 0 };
  for (const seed of seeds) {
    const r = runSeed(seed);
    const replay = `replay: KV_PROPERTY_SEED=${seed}`;
    t.same(r.mismatches.slice(0, 3), [], `seed ${seed}: both replicas return the same results (${replay})`);
    t.ok(r.sameState, `seed ${seed}: both replicas end in byte-identical states (${replay})`);
    t.same(r.wrong.slice(0, 3), [], `seed ${seed}: every result matches the model (${replay})`);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r.seen[k];
  }
  t.comment(`exercised: ${JSON.stringify(total)}`);
  if (seeds.length === SEEDS_COUNT) for (const [k, n] of Object.entries(total)) t.ok(n > 0, `the sequences exercised ${k} (${n})`);
});
