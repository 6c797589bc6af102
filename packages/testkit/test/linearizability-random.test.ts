import t from 'tap';
import {
  checkOperations,
  counterModel,
  kvModel,
  mutexModel,
  renderCheckResult,
  type CheckResult,
  type Model,
  type Operation,
} from '../src/linearizability/index.js';

// Randomized tests. Histories come from a sequential reference implementation written here, independently
// of the checker's models: each operation gets an instant inside its interval, and outputs come from running
// the operations in that order. Every 'ok' verdict is re-verified from its linearization; small histories are
// also decided by brute force over all orders. Every run is seeded, so a failure replays.

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): { int(bound: number): number; chance(p: number): boolean; pick<T>(items: readonly T[]): T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (bound) => Math.floor(next() * bound),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

// ---- Reference implementations: (state, input) -> [state, output], on plain objects. -----------------------

type AnyInput = { op: string; key?: string; lock?: string; value?: string; expected?: string | null; delta?: number; owner?: string };
type AnyOutput = { value?: string | number | null; ok?: boolean };
type RefState = Record<string, string | number>;

/** Runs one operation on a sequential object; returns the output a client would see. */
function reference(state: RefState, input: AnyInput): AnyOutput {
  switch (input.op) {
    case 'get':
      return { value: input.key === undefined ? ((state[''] as number | undefined) ?? 0) : ((state[input.key] as string | undefined) ?? null) };
    case 'put':
      state[input.key!] = input.value!;
      return {};
    case 'delete':
      delete state[input.key!];
      return {};
    case 'cas': {
      const swaps = (state[input.key!] ?? null) === input.expected;
      if (swaps) state[input.key!] = input.value!;
      return { ok: swaps };
    }
    case 'add': {
      const value = ((state[''] as number | undefined) ?? 0) + input.delta!;
      state[''] = value;
      return { value };
    }
    case 'acquire': {
      const free = state[input.lock ?? ''] === undefined;
      if (free) state[input.lock ?? ''] = input.owner!;
      return { ok: free };
    }
    case 'release': {
      const held = state[input.lock ?? ''] === input.owner;
      if (held) delete state[input.lock ?? ''];
      return { ok: held };
    }
  }
  throw new Error(`unknown op ${input.op}`);
}

function sameOutput(a: AnyOutput | undefined, b: AnyOutput): boolean {
  return (a?.value === undefined || a.value === b.value) && (a?.ok === undefined || a.ok === b.ok);
}

/** Is `order` a linearization of `ops` by definition: each completed op once, real-time order, outputs agree? */
function isLinearization(ops: readonly Operation<AnyInput, AnyOutput>[], order: readonly Operation<AnyInput, AnyOutput>[]): boolean {
  const included = new Set(order);
  if (included.size !== order.length) return false;
  if (ops.some((op) => op.return !== undefined && !included.has(op))) return false;
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const later = order[j]!;
      if (later.return !== undefined && later.return < order[i]!.call) return false;
    }
  }
  const state: RefState = {};
  return order.every((op) => {
    const output = reference(state, op.input);
    return op.return === undefined || sameOutput(op.output, output);
  });
}

/** Decides linearizability from the definition: every subset of the unknown outcomes, every order. */
function bruteForce(ops: readonly Operation<AnyInput, AnyOutput>[]): boolean {
  const completed = ops.filter((op) => op.return !== undefined);
  const unknown = ops.filter((op) => op.return === undefined);
  for (let mask = 0; mask < 1 << unknown.length; mask++) {
    const chosen = [...completed, ...unknown.filter((_, i) => (mask >> i) & 1)];
    if (somePermutation(chosen, [], (order) => isLinearization(ops, order))) return true;
  }
  return false;
}

function somePermutation<T>(rest: T[], prefix: T[], accept: (order: T[]) => boolean): boolean {
  if (rest.length === 0) return accept(prefix);
  for (let i = 0; i < rest.length; i++) {
    const [item] = rest.splice(i, 1);
    prefix.push(item!);
    const found = somePermutation(rest, prefix, accept);
    prefix.pop();
    rest.splice(i, 0, item!);
    if (found) return true;
  }
  return false;
}

/** Checks every 'ok' partition's linearization against the definition. */
function certified(result: CheckResult<unknown, AnyInput, AnyOutput>, history: readonly Operation<AnyInput, AnyOutput>[], keyOf: (input: AnyInput) => string): boolean {
  return result.partitions.every((p) => p.verdict !== 'ok' || isLinearization(history.filter((op) => keyOf(op.input) === p.partitionKey), p.linearization!));
}

// ---- Generating histories from a real sequential execution. ------------------------------------------------

interface GenerateOptions {
  readonly clients: number;
  readonly opsPerClient: number;
  /** Largest gap between call and instant of effect, and between that instant and return. */
  readonly maxHalfLatency: number;
  readonly unknownProbability: number;
  readonly nextInput: (rng: Rng, client: number, seq: number) => AnyInput;
}

/** Each client runs operations one after another; outputs come from applying them in instant order. */
function generate(rng: Rng, o: GenerateOptions): Operation<AnyInput, AnyOutput>[] {
  const planned: { op: { clientId: number; input: AnyInput; call: number; return?: number }; instant: number; applies: boolean }[] = [];
  for (let client = 0; client < o.clients; client++) {
    let clientId = client;
    let time = rng.int(o.maxHalfLatency);
    for (let seq = 0; seq < o.opsPerClient; seq++) {
      const call = time;
      const instant = call + rng.int(o.maxHalfLatency + 1);
      const ret = instant + rng.int(o.maxHalfLatency + 1);
      const input = o.nextInput(rng, client, seq);
      if (rng.chance(o.unknownProbability)) {
        // The client timed out: the operation took effect at `instant` or never. Its process is replaced by
        // a new one (a new client id), as a real client would reconnect.
        planned.push({ op: { clientId, input, call }, instant, applies: rng.chance(0.5) });
        clientId += o.clients;
      } else {
        planned.push({ op: { clientId, input, call, return: ret }, instant, applies: true });
      }
      time = ret + rng.int(o.maxHalfLatency);
    }
  }
  planned.sort((a, b) => a.instant - b.instant);
  const state: RefState = {};
  return planned
    .filter((p) => p.applies || p.op.return === undefined)
    .map((p) => {
      if (!p.applies) return p.op;
      const output = reference(state, p.op.input);
      return p.op.return === undefined ? p.op : { ...p.op, output };
    });
}

const kvInput = (keyCount: number) => (rng: Rng, client: number, seq: number): AnyInput => {
  const key = `k${rng.int(keyCount)}`;
  const roll = rng.int(10);
  // Written values are unique, so a read of a value never written is certainly illegal.
  if (roll < 4) return { op: 'get', key };
  if (roll < 7) return { op: 'put', key, value: `c${client}.${seq}` };
  if (roll < 9) return { op: 'cas', key, expected: rng.chance(0.3) ? null : `c${rng.int(4)}.${Math.max(0, seq - 1 - rng.int(2))}`, value: `c${client}.${seq}` };
  return { op: 'delete', key };
};
const counterInput = (rng: Rng): AnyInput => (rng.chance(0.4) ? { op: 'get' } : { op: 'add', delta: 1 + rng.int(5) });
const mutexInput = (rng: Rng, client: number): AnyInput => ({ op: rng.chance(0.5) ? 'acquire' : 'release', owner: `o${client}` });

interface Family {
  readonly name: string;
  readonly model: Model<unknown, AnyInput, AnyOutput>;
  readonly keyOf: (input: AnyInput) => string;
  readonly nextInput: GenerateOptions['nextInput'];
}
const families: Family[] = [
  { name: 'kv', model: kvModel as Model<unknown, AnyInput, AnyOutput>, keyOf: (i) => i.key!, nextInput: kvInput(3) },
  { name: 'counter', model: counterModel as Model<unknown, AnyInput, AnyOutput>, keyOf: () => '', nextInput: counterInput },
  { name: 'mutex', model: mutexModel as Model<unknown, AnyInput, AnyOutput>, keyOf: () => '', nextInput: mutexInput },
];

// ---- Tests. ------------------------------------------------------------------------------------------------

/** Per family: histories per seed loop; small enough to keep the file at a few seconds. */
const HISTORIES_PER_FAMILY = 150;

t.test('histories generated from a sequential execution are linearizable, with a valid linearization', async (t) => {
  for (const family of families) {
    let checked = 0;
    for (let seed = 1; seed <= HISTORIES_PER_FAMILY; seed++) {
      const rng = prng(seed);
      const history = generate(rng, { clients: 2 + rng.int(5), opsPerClient: 5 + rng.int(30), maxHalfLatency: 1 + rng.int(20), unknownProbability: rng.chance(0.5) ? 0.1 : 0, nextInput: family.nextInput });
      const result = checkOperations(family.model, history);
      if (result.verdict !== 'ok') t.fail(`${family.name} seed ${seed}: ${renderCheckResult(family.model, result)}`);
      else if (!certified(result, history, family.keyOf)) t.fail(`${family.name} seed ${seed}: the linearization returned is not valid`);
      else checked++;
    }
    t.equal(checked, HISTORIES_PER_FAMILY, `${family.name}: every generated history is ok and certified`);
  }
});

/** Mutations that no linearization can explain, one per family. Returns undefined if the history has no target. */
function certainlyIllegal(family: string, history: Operation<AnyInput, AnyOutput>[], rng: Rng): Operation<AnyInput, AnyOutput>[] | undefined {
  const completed = history.filter((op) => op.return !== undefined);
  const mutate = (target: Operation<AnyInput, AnyOutput>, replacement: Operation<AnyInput, AnyOutput>) => history.map((op) => (op === target ? replacement : op));
  if (family === 'kv') {
    const reads = completed.filter((op) => op.input.op === 'get');
    if (reads.length === 0) return undefined;
    const target = rng.pick(reads);
    return mutate(target, { ...target, output: { value: 'never written' } });
  }
  if (family === 'counter') {
    // Every delta is positive, so no prefix sums past the total.
    const total = history.reduce((sum, op) => sum + (op.input.delta ?? 0), 0);
    const target = rng.pick(completed);
    return mutate(target, { ...target, output: { value: total + 1 } });
  }
  const target = rng.pick(completed);
  return mutate(target, { ...target, input: { op: 'release', owner: 'ghost' }, output: { ok: true } });
}

/** Changes one completed output to another plausible one; usually, not always, illegal. */
function flipOutput(history: Operation<AnyInput, AnyOutput>[], rng: Rng): Operation<AnyInput, AnyOutput>[] {
  const completed = history.filter((op) => op.return !== undefined);
  const target = rng.pick(completed);
  const output = target.output!;
  let flipped: AnyOutput;
  if (output.ok !== undefined) flipped = { ok: !output.ok };
  else if (typeof output.value === 'number') flipped = { value: output.value + (rng.chance(0.5) ? 1 : -1) };
  else if (target.input.op === 'get') {
    const written = history.filter((op) => op.input.key === target.input.key && op.input.value !== undefined).map((op) => op.input.value!);
    const others = [null, ...written].filter((v) => v !== output.value);
    flipped = { value: rng.pick(others) };
  } else return flipOutput(history, rng); // put/delete have no output to change; pick again (terminates: completed reads exist with high probability)
  return history.map((op) => (op === target ? { ...target, output: flipped } : op));
}

t.test('a read of a value never written, an impossible count, a release by a non-owner: always illegal', async (t) => {
  for (const family of families) {
    let illegal = 0;
    let mutated = 0;
    for (let seed = 1; seed <= HISTORIES_PER_FAMILY; seed++) {
      const rng = prng(seed * 7919);
      const history = generate(rng, { clients: 2 + rng.int(5), opsPerClient: 5 + rng.int(30), maxHalfLatency: 1 + rng.int(20), unknownProbability: rng.chance(0.5) ? 0.1 : 0, nextInput: family.nextInput });
      const mutant = certainlyIllegal(family.name, history, rng);
      if (mutant === undefined) continue;
      mutated++;
      const result = checkOperations(family.model, mutant);
      if (result.verdict === 'illegal') illegal++;
      else t.fail(`${family.name} seed ${seed}: certain mutation judged ${result.verdict}`);
    }
    t.ok(mutated > HISTORIES_PER_FAMILY / 2, `${family.name}: ${mutated} histories mutated`);
    t.equal(illegal, mutated, `${family.name}: every certain mutation is illegal`);
  }
});

t.test('changing one output: usually illegal, and every ok verdict is a valid linearization', async (t) => {
  const PLAIN_SEARCH_TIMEOUT_MS = 2000;
  for (const family of families) {
    let illegal = 0;
    let plainUndecided = 0;
    for (let seed = 1; seed <= HISTORIES_PER_FAMILY; seed++) {
      const rng = prng(seed * 104729);
      const history = generate(rng, { clients: 2 + rng.int(5), opsPerClient: 5 + rng.int(30), maxHalfLatency: 1 + rng.int(20), unknownProbability: rng.chance(0.5) ? 0.1 : 0, nextInput: family.nextInput });
      const mutant = flipOutput(history, rng);
      const result = checkOperations(family.model, mutant);
      if (result.verdict === 'illegal') illegal++;
      else if (result.verdict !== 'ok' || !certified(result, mutant, family.keyOf)) t.fail(`${family.name} seed ${seed}: ${result.verdict} without a valid linearization`);
      // The plain search (no read-only hint) must agree wherever it finishes within its bound.
      const plain = checkOperations({ ...family.model, readOnly: undefined }, mutant, { timeoutMs: PLAIN_SEARCH_TIMEOUT_MS });
      if (plain.verdict === 'unknown') plainUndecided++;
      else if (plain.verdict !== result.verdict) t.fail(`${family.name} seed ${seed}: ${result.verdict}, plain search ${plain.verdict}`);
    }
    t.comment(`${family.name}: plain search undecided within ${PLAIN_SEARCH_TIMEOUT_MS} ms on ${plainUndecided}`);
    t.comment(`${family.name}: ${illegal} of ${HISTORIES_PER_FAMILY} one-output changes judged illegal`);
    t.ok(illegal > 0, `${family.name}: some changes are caught`);
  }
});

// ---- Small random histories (outputs drawn at random, not executed): the checker agrees with brute force. --

function randomSmallHistory(family: string, rng: Rng): Operation<AnyInput, AnyOutput>[] {
  const count = 1 + rng.int(6);
  const values = ['a', 'b'];
  return Array.from({ length: count }, (_, i) => {
    const call = rng.int(20);
    let input: AnyInput;
    let output: AnyOutput;
    if (family === 'kv') {
      input = rng.pick<AnyInput>([
        { op: 'get', key: 'k' },
        { op: 'put', key: 'k', value: rng.pick(values) },
        { op: 'cas', key: 'k', expected: rng.pick([null, ...values]), value: rng.pick(values) },
        { op: 'delete', key: 'k' },
      ]);
      output = input.op === 'get' ? { value: rng.pick([null, ...values]) } : input.op === 'cas' ? { ok: rng.chance(0.5) } : {};
    } else if (family === 'counter') {
      input = rng.chance(0.5) ? { op: 'get' } : { op: 'add', delta: 1 + rng.int(2) };
      output = { value: rng.int(5) };
    } else {
      input = { op: rng.chance(0.5) ? 'acquire' : 'release', owner: rng.pick(['o0', 'o1']) };
      output = { ok: rng.chance(0.5) };
    }
    return rng.chance(0.15) ? { clientId: i, input, call } : { clientId: i, input, call, output, return: call + rng.int(8) };
  });
}

t.test('on small random histories the checker agrees with a brute-force search over all orders', async (t) => {
  const SMALL_HISTORIES_PER_FAMILY = 400;
  for (const family of families) {
    const verdicts = { ok: 0, illegal: 0 };
    for (let seed = 1; seed <= SMALL_HISTORIES_PER_FAMILY; seed++) {
      const history = randomSmallHistory(family.name, prng(seed * 31337));
      const result = checkOperations(family.model, history);
      // The same model without its readOnly hint runs the plain search, without the read-only reduction.
      const plain = checkOperations({ ...family.model, readOnly: undefined }, history);
      const expected = bruteForce(history) ? 'ok' : 'illegal';
      if (result.verdict !== expected || plain.verdict !== expected) t.fail(`${family.name} seed ${seed}: checker ${result.verdict} (plain ${plain.verdict}), brute force ${expected}\n${JSON.stringify(history)}`);
      else if (expected === 'ok' && !certified(result, history, family.keyOf)) t.fail(`${family.name} seed ${seed}: invalid linearization`);
      else verdicts[expected]++;
    }
    t.equal(verdicts.ok + verdicts.illegal, SMALL_HISTORIES_PER_FAMILY, `${family.name}: agrees on all (${verdicts.ok} ok, ${verdicts.illegal} illegal)`);
    t.ok(verdicts.ok > 20 && verdicts.illegal > 20, `${family.name}: both verdicts are exercised`);
  }
});

// ---- Performance: prints figures, fails only on a wrong verdict. -------------------------------------------

t.test('performance: 10 clients x 1000 operations', async (t) => {
  const cases = [
    { name: 'kv, 10 keys', family: families[0]!, nextInput: kvInput(10), unknownProbability: 0 },
    { name: 'kv, 10 keys, 2% unknown outcomes', family: families[0]!, nextInput: kvInput(10), unknownProbability: 0.02 },
    { name: 'kv, 1 key', family: families[0]!, nextInput: kvInput(1), unknownProbability: 0 },
    { name: 'counter, 1 counter', family: families[1]!, nextInput: counterInput, unknownProbability: 0 },
    { name: 'mutex, 1 lock', family: families[2]!, nextInput: mutexInput, unknownProbability: 0 },
  ];
  for (const c of cases) {
    const rng = prng(2024);
    const history = generate(rng, { clients: 10, opsPerClient: 1000, maxHalfLatency: 10, unknownProbability: c.unknownProbability, nextInput: c.nextInput });
    const result = checkOperations(c.family.model, history, { timeoutMs: 60_000 });
    t.equal(result.verdict, 'ok', `${c.name}: ok`);
    const steps = result.partitions.reduce((sum, p) => sum + p.stepCount, 0);
    const memo = result.partitions.reduce((sum, p) => sum + p.memoEntryCount, 0);
    t.comment(`${c.name}: ${history.length} ops in ${result.partitionCount} partitions checked in ${result.elapsedMs.toFixed(1)} ms (${steps} steps, ${memo} memo entries)`);
    const mutant = certainlyIllegal(c.family.name, history, rng)!;
    const bad = checkOperations(c.family.model, mutant, { timeoutMs: 60_000 });
    t.equal(bad.verdict, 'illegal', `${c.name}: certain mutation illegal`);
    t.comment(`${c.name}, one certain mutation: illegal in ${bad.elapsedMs.toFixed(1)} ms`);
  }
});
