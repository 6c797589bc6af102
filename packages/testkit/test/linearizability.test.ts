import t from 'tap';
import {
  HistoryRecorder,
  InvalidHistoryError,
  OperationAlreadyCompletedError,
  HistoryFullError,
  checkOperations,
  counterModel,
  fromNondeterministic,
  kvModel,
  mutexModel,
  renderCheckResult,
  renderCounterexample,
  type CounterInput,
  type CounterOutput,
  type KvInput,
  type Model,
  type KvOutput,
  type MutexInput,
  type MutexOutput,
  type NondeterministicModel,
  type Operation,
} from '../src/linearizability/index.js';

/** A completed operation (`ret` given) or one with an unknown outcome (`ret` undefined). */
function op<I, O>(clientId: number, call: number, ret: number | undefined, input: I, output?: O): Operation<I, O> {
  return ret === undefined ? { clientId, input, call } : { clientId, input, call, output, return: ret };
}
const get = (key: string): KvInput => ({ op: 'get', key });
const put = (key: string, value: string): KvInput => ({ op: 'put', key, value });
const cas = (key: string, expected: string | null, value: string): KvInput => ({ op: 'cas', key, expected, value });
const del = (key: string): KvInput => ({ op: 'delete', key });
const read = (value: string | null): KvOutput => ({ value });
const done: KvOutput = {};
const add = (delta: number): CounterInput => ({ op: 'add', delta });
const count = (value: number): CounterOutput => ({ value });
const acquire = (owner: string): MutexInput => ({ op: 'acquire', owner });
const release = (owner: string): MutexInput => ({ op: 'release', owner });
const ok: MutexOutput = { ok: true };
const refused: MutexOutput = { ok: false };

t.test('register: a read that misses a write completed before it began is illegal', async (t) => {
  const history = [op(0, 0, 10, put('x', '1'), done), op(1, 20, 30, get('x'), read(null))];
  const result = checkOperations(kvModel, history);
  t.equal(result.verdict, 'illegal');
  const ce = result.counterexample!;
  t.equal(ce.partitionKey, 'x');
  t.same(ce.longestPrefix, [history[0]], 'the write linearizes, the read cannot follow it');
  t.same([...ce.stateAfterPrefix], [['x', '1']]);
  t.same(
    ce.candidates.map((c) => [c.operation, c.legalHere]),
    [[history[1], false]],
  );
  const text = renderCounterexample(kvModel, ce);
  t.match(text, /partition "x" \(2 operations\) is not linearizable/);
  t.match(text, /c0 \[0\.\.10\] put\("x", "1"\)/);
  t.match(text, /state after it: \{"x": "1"\}/);
  t.match(text, /c1 \[20\.\.30\] get\("x"\) -> null  \(illegal here\)/);
});

t.test('register: a read concurrent with a write may see either value', async (t) => {
  for (const seen of [null, '1']) {
    const history = [op(0, 0, 10, put('x', '1'), done), op(1, 5, 15, get('x'), read(seen))];
    const result = checkOperations(kvModel, history);
    t.equal(result.verdict, 'ok', `read of ${seen}`);
    t.equal(result.partitions[0]!.linearization!.length, 2);
  }
});

t.test('register: once a read sees a concurrent write, a later read cannot see the old value', async (t) => {
  // Each read alone is fine (both overlap the write); together they put the write both before and after.
  const history = [
    op(0, 0, 100, put('x', '1'), done),
    op(1, 10, 20, get('x'), read('1')),
    op(2, 30, 40, get('x'), read(null)),
  ];
  t.equal(checkOperations(kvModel, history).verdict, 'illegal');
  t.equal(checkOperations(kvModel, [history[0]!, history[2]!]).verdict, 'ok');
});

t.test('register: touching intervals count as concurrent', async (t) => {
  const history = [op(0, 0, 10, put('x', '1'), done), op(1, 10, 20, get('x'), read(null))];
  t.equal(checkOperations(kvModel, history).verdict, 'ok');
});

t.test('kv: cas that succeeds after a conflicting write completed is illegal', async (t) => {
  const history = [
    op(0, 0, 10, put('x', 'a'), done),
    op(1, 20, 30, put('x', 'b'), done),
    op(2, 40, 50, cas('x', 'a', 'c'), { ok: true }),
  ];
  const result = checkOperations(kvModel, history);
  t.equal(result.verdict, 'illegal');
  t.match(renderCheckResult(kvModel, result), /cas\("x", "a" => "c"\) -> ok  \(illegal here\)/);
});

t.test('kv: cas concurrent with a conflicting write may win or lose', async (t) => {
  const base = [op(0, 0, 10, put('x', 'a'), done), op(1, 20, 40, put('x', 'b'), done)];
  t.equal(checkOperations(kvModel, [...base, op(2, 30, 50, cas('x', 'a', 'c'), { ok: true }), op(3, 60, 70, get('x'), read('b'))]).verdict, 'ok', 'cas first, then the put');
  t.equal(checkOperations(kvModel, [...base, op(2, 30, 50, cas('x', 'a', 'c'), { ok: false }), op(3, 60, 70, get('x'), read('b'))]).verdict, 'ok', 'put first, cas fails');
  t.equal(checkOperations(kvModel, [...base, op(2, 30, 50, cas('x', 'a', 'c'), { ok: false }), op(3, 60, 70, get('x'), read('c'))]).verdict, 'illegal', 'a failed cas cannot have written');
});

t.test('kv: cas with expected null creates a missing key; delete makes it missing again', async (t) => {
  const history = [
    op(0, 0, 1, cas('k', null, 'v'), { ok: true }),
    op(0, 2, 3, get('k'), read('v')),
    op(0, 4, 5, del('k'), done),
    op(0, 6, 7, cas('k', 'v', 'w'), { ok: false }),
    op(0, 8, 9, get('k'), read(null)),
  ];
  t.equal(checkOperations(kvModel, history).verdict, 'ok');
  t.equal(checkOperations(kvModel, [...history, op(0, 10, 11, get('k'), read('v'))]).verdict, 'illegal');
});

t.test('counter: a lost update (two adds both return the same value) is illegal', async (t) => {
  const concurrent = [op(0, 0, 10, add(1), count(1)), op(1, 5, 15, add(1), count(1))];
  const result = checkOperations(counterModel, concurrent);
  t.equal(result.verdict, 'illegal');
  t.match(renderCheckResult(counterModel, result), /add\(1\) -> 1  \(illegal here\)/);
  t.equal(checkOperations(counterModel, [op(0, 0, 10, add(1), count(1)), op(1, 5, 15, add(1), count(2))]).verdict, 'ok');
  t.equal(checkOperations(counterModel, [...concurrent.slice(0, 1), op(1, 5, 15, add(1), count(2)), op(2, 20, 30, { op: 'get' }, count(1))]).verdict, 'illegal', 'a read after both adds must see both');
});

t.test('counter: named counters are independent partitions', async (t) => {
  const history = [
    op<CounterInput, CounterOutput>(0, 0, 10, { op: 'add', delta: 5, key: 'a' }, count(5)),
    op<CounterInput, CounterOutput>(1, 0, 10, { op: 'add', delta: 2, key: 'b' }, count(2)),
    op<CounterInput, CounterOutput>(2, 20, 30, { op: 'get', key: 'a' }, count(5)),
  ];
  const result = checkOperations(counterModel, history);
  t.equal(result.verdict, 'ok');
  t.equal(result.partitionCount, 2);
  t.same(result.partitions.map((p) => p.partitionKey).sort(), ['a', 'b']);
});

t.test('mutex: two owners holding the lock at once is illegal', async (t) => {
  const history = [op(0, 0, 10, acquire('A'), ok), op(1, 5, 15, acquire('B'), ok)];
  const result = checkOperations(mutexModel, history);
  t.equal(result.verdict, 'illegal');
  t.match(renderCheckResult(mutexModel, result), /acquire\("B"\) -> ok  \(illegal here\)/);
});

t.test('mutex: hand-over through a release, refusals while held, release by a non-owner refused', async (t) => {
  const history = [
    op(0, 0, 10, acquire('A'), ok),
    op(1, 5, 15, acquire('B'), refused),
    op(1, 16, 18, release('B'), refused),
    op(0, 20, 30, release('A'), ok),
    op(1, 25, 35, acquire('B'), ok),
  ];
  t.equal(checkOperations(mutexModel, history).verdict, 'ok');
  t.equal(checkOperations(mutexModel, [op(0, 0, 10, acquire('A'), ok), op(0, 20, 30, acquire('A'), ok)]).verdict, 'illegal', 'not reentrant');
  t.equal(checkOperations(mutexModel, [op(0, 0, 10, acquire('A'), refused)]).verdict, 'illegal', 'a free lock cannot refuse');
});

t.test('unknown outcome: the operation may take effect at any time after its call, or never', async (t) => {
  const pendingPut = op<KvInput, KvOutput>(0, 0, undefined, put('x', '1'));
  t.equal(checkOperations(kvModel, [pendingPut, op(1, 50, 60, get('x'), read('1'))]).verdict, 'ok', 'took effect');
  t.equal(checkOperations(kvModel, [pendingPut, op(1, 50, 60, get('x'), read(null))]).verdict, 'ok', 'never took effect');
  t.equal(
    checkOperations(kvModel, [pendingPut, op(1, 10, 20, get('x'), read(null)), op(1, 30, 40, get('x'), read('1'))]).verdict,
    'ok',
    'took effect between the reads',
  );
  t.equal(
    checkOperations(kvModel, [pendingPut, op(1, 10, 20, get('x'), read('1')), op(1, 30, 40, get('x'), read(null))]).verdict,
    'illegal',
    'cannot take effect and then be undone',
  );
  t.equal(
    checkOperations(kvModel, [op(1, 0, 10, get('x'), read('1')), op<KvInput, KvOutput>(0, 20, undefined, put('x', '1'))]).verdict,
    'illegal',
    'cannot take effect before its call',
  );
  const ignoredOutput: Operation<KvInput, KvOutput> = { clientId: 0, input: cas('x', 'a', 'b'), call: 0, output: { ok: true } };
  t.equal(checkOperations(kvModel, [ignoredOutput]).verdict, 'ok', 'the output of an operation without a return is ignored');
  const result = checkOperations(kvModel, [pendingPut, op(1, 50, 60, get('x'), read(null))]);
  t.same(result.partitions[0]!.linearization, [{ clientId: 1, input: get('x'), call: 50, output: read(null), return: 60 }], 'left out when it never happened');
});

t.test('unknown outcome: a lock acquire that timed out may hold the lock', async (t) => {
  const history = [op<MutexInput, MutexOutput>(0, 0, undefined, acquire('A')), op(1, 10, 20, acquire('B'), refused)];
  t.equal(checkOperations(mutexModel, history).verdict, 'ok');
  t.equal(checkOperations(mutexModel, [history[1]!]).verdict, 'illegal', 'without it nobody holds the lock');
});

t.test('empty histories and histories of only unknown outcomes are linearizable', async (t) => {
  t.equal(checkOperations(kvModel, []).verdict, 'ok');
  const result = checkOperations(kvModel, [op<KvInput, KvOutput>(0, 0, undefined, put('x', '1'))]);
  t.equal(result.verdict, 'ok');
  t.same(result.partitions[0]!.linearization, []);
});

t.test('partitions: the illegal key is the one reported, smallest partitions are checked first', async (t) => {
  const history: Operation<KvInput, KvOutput>[] = [];
  for (let i = 0; i < 5; i++) history.push(op(0, 10 * i, 10 * i + 5, put('big', String(i)), done));
  history.push(op(1, 0, 10, put('small', 'a'), done), op(1, 20, 30, get('small'), read('b')));
  const result = checkOperations(kvModel, history);
  t.equal(result.verdict, 'illegal');
  t.equal(result.counterexample!.partitionKey, 'small');
  t.same(result.partitions.map((p) => [p.partitionKey, p.verdict]), [['small', 'illegal']], 'stops at the first illegal partition');
  t.equal(result.partitionCount, 2);
  t.equal(result.operationCount, 7);
});

t.test('an ok result carries a linearization that respects real time and the model', async (t) => {
  const history = [
    op(0, 0, 10, put('x', '1'), done),
    op(1, 5, 30, put('x', '2'), done),
    op(2, 12, 14, get('x'), read('1')),
    op(3, 31, 40, get('x'), read('2')),
  ];
  const result = checkOperations(kvModel, history);
  t.equal(result.verdict, 'ok');
  t.same(result.partitions[0]!.linearization, [history[0], history[2], history[1], history[3]]);
});

t.test('bad histories are refused with InvalidHistoryError', async (t) => {
  t.throws(() => checkOperations(kvModel, [op(0, 10, 5, get('x'), read(null))]), InvalidHistoryError);
  const refusal = (history: Operation<KvInput, KvOutput>[]): InvalidHistoryError | undefined => {
    try {
      checkOperations(kvModel, history);
    } catch (e) {
      if (e instanceof InvalidHistoryError) return e;
    }
    return undefined;
  };
  t.match(refusal([op(0, Number.NaN, 5, get('x'), read(null))]), { code: 'INVALID_HISTORY', operationIndex: 0, message: /call time NaN/ });
  t.match(refusal([op(0, 0, 1, get('x'), read(null)), op(0, 0, Infinity, get('x'), read(null))]), { operationIndex: 1, message: /leave it undefined/ });
});

/** Writes of distinct values, all concurrent, and a concurrent read of a value none wrote: exponential search. */
function hardHistory(writeCount: number): Operation<KvInput, KvOutput>[] {
  const history = [op(99, 0, 100, get('x'), read('never written'))];
  for (let i = 0; i < writeCount; i++) history.push(op(i, 0, 100, put('x', `v${i}`), done));
  return history;
}

t.test('a hard history gives unknown at the time bound instead of hanging', async (t) => {
  let fakeMs = 0;
  const result = checkOperations(kvModel, hardHistory(30), { timeoutMs: 5, now: () => fakeMs++ });
  t.equal(result.verdict, 'unknown');
  t.equal(result.unknownReason, 'timeout');
  t.ok(result.partitions[0]!.stepCount > 0, 'it searched before giving up');
  t.match(renderCheckResult(kvModel, result), /^unknown: timeout/);

  const real = checkOperations(kvModel, hardHistory(30), { timeoutMs: 50 });
  t.equal(real.verdict, 'unknown');
  t.comment(`hard history with a 50 ms bound on the real clock: gave up after ${real.elapsedMs.toFixed(1)} ms, ${real.partitions[0]!.stepCount} steps`);
});

t.test('a hard history gives unknown at the memo bound, and a small one is decided exactly', async (t) => {
  const result = checkOperations(kvModel, hardHistory(30), { maxMemoEntries: 1000 });
  t.equal(result.verdict, 'unknown');
  t.equal(result.unknownReason, 'memo-limit');
  t.ok(result.partitions[0]!.memoEntryCount <= 1001);
  const small = checkOperations(kvModel, hardHistory(8));
  t.equal(small.verdict, 'illegal', 'exhausts 8 writes in every order');
  t.ok(small.partitions[0]!.memoEntryCount < 8 * 2 ** 8, 'memoisation keeps it to (set, last value) pairs');
});

t.test('HistoryRecorder records call and return order, unknown outcomes, and drops certain failures', async (t) => {
  const recorder = new HistoryRecorder<KvInput, KvOutput>();
  const w = recorder.invoke(0, put('x', '1'));
  const r = recorder.invoke(1, get('x'));
  const lost = recorder.invoke(2, put('x', '2'));
  const refusedOp = recorder.invoke(3, put('x', '3'));
  r.ok(read(null));
  w.ok(done);
  lost.unknown();
  refusedOp.failed();
  recorder.invoke(4, get('x')); // never completed: unknown
  t.throws(() => w.ok(done), OperationAlreadyCompletedError);
  const history = recorder.history();
  t.same(history, [
    { clientId: 0, input: put('x', '1'), call: 0, output: done, return: 5 },
    { clientId: 1, input: get('x'), call: 1, output: read(null), return: 4 },
    { clientId: 2, input: put('x', '2'), call: 2 },
    { clientId: 4, input: get('x'), call: 6 },
  ]);
  t.equal(checkOperations(kvModel, history).verdict, 'ok');
  const full = new HistoryRecorder<KvInput, KvOutput>({ maxOperations: 1 });
  full.invoke(0, get('x'));
  t.throws(() => full.invoke(0, get('x')), HistoryFullError);
});

t.test('fromNondeterministic: a register whose writes may be lost', async (t) => {
  // A lossy write either lands or vanishes; a read reports the value.
  const lossy: NondeterministicModel<string, { write?: string }, { value?: string }> = {
    name: 'lossy-register',
    init: () => '0',
    step: (state, input, output) =>
      input.write !== undefined ? [state, input.write] : output?.value === undefined || output.value === state ? [state] : [],
    hash: (s) => s,
  };
  const model = fromNondeterministic(lossy);
  const w = op<{ write?: string }, { value?: string }>(0, 0, 10, { write: '1' }, {});
  t.equal(checkOperations(model, [w, op(1, 20, 30, {}, { value: '0' })]).verdict, 'ok', 'the write was lost');
  t.equal(checkOperations(model, [w, op(1, 20, 30, {}, { value: '1' })]).verdict, 'ok', 'the write landed');
  const result = checkOperations(model, [w, op(1, 20, 30, {}, { value: '1' }), op(1, 40, 50, {}, { value: '0' })]);
  t.equal(result.verdict, 'illegal', 'a landed write cannot vanish later');
  t.match(renderCheckResult(model, result), /lossy-register: the history \(3 operations\)[\s\S]*state after it: one of \{1\}/);
});

t.test('a model with a coarse hash and an equal: states that share a hash are told apart', async (t) => {
  // A grow-only set kept in arrival order; the hash is only its size, so different sets collide.
  type SetInput = { add?: string; has?: string };
  const setModel: Model<readonly string[], SetInput, { present?: boolean }> = {
    name: 'set',
    init: () => [],
    step(state, input, output) {
      if (input.add !== undefined) return { ok: true, state: state.includes(input.add) ? state : [...state, input.add] };
      const present = state.includes(input.has!);
      return output?.present === undefined || output.present === present ? { ok: true, state } : { ok: false };
    },
    hash: (state) => String(state.length),
    equal: (a, b) => a.length === b.length && a.every((x) => b.includes(x)),
  };
  // Two concurrent adds, then reads that need exactly one of them to have happened first.
  const history: Operation<SetInput, { present?: boolean }>[] = [
    op(0, 0, 10, { add: 'a' }, {}),
    op(1, 0, 30, { add: 'b' }, {}),
    op(2, 12, 14, { has: 'b' }, { present: false }),
    op(2, 15, 16, { has: 'a' }, { present: true }),
  ];
  t.equal(checkOperations(setModel, history).verdict, 'ok');
  t.equal(checkOperations(setModel, [...history, op(3, 31, 32, { has: 'b' }, { present: false })]).verdict, 'illegal');
});

t.test('a model whose hash says nothing: equal alone tells states apart', async (t) => {
  const register: Model<string, { write?: string }, { value?: string }> = {
    init: () => '0',
    step: (state, input, output) =>
      input.write !== undefined ? { ok: true, state: input.write } : output?.value === undefined || output.value === state ? { ok: true, state } : { ok: false },
    hash: () => 'constant',
    equal: (a, b) => a === b,
  };
  // Two concurrent writes reach the same linearized set in two states; the read needs the second order.
  const history = [op(0, 0, 10, { write: '1' }, {}), op(1, 0, 10, { write: '2' }, {}), op(2, 20, 30, {}, { value: '1' })];
  const result = checkOperations(register, history);
  t.equal(result.verdict, 'ok');
  // {w1}, {w1,w2} in state 2 (dead end), {w2}, {w1,w2} in state 1 (same key, kept apart by equal), {all}.
  t.equal(result.partitions[0]!.memoEntryCount, 5, 'both orders of the two writes are kept');
  t.equal(checkOperations(register, [...history, op(2, 31, 32, {}, { value: '3' })]).verdict, 'illegal');
});

t.test('rendering: long lists are cut, an ok result is one line', async (t) => {
  const history: Operation<KvInput, KvOutput>[] = [];
  for (let i = 0; i < 30; i++) history.push(op(0, 10 * i, 10 * i + 5, put('x', String(i)), done));
  for (let i = 0; i < 30; i++) history.push(op(1 + i, 400, 410, get('x'), read('never')));
  const result = checkOperations(kvModel, history);
  const text = renderCheckResult(kvModel, result, { maxLinesPerList: 3 });
  t.match(text, /longest linearizable prefix \(30 operations\):\n  \.\.\. 27 earlier\n/);
  t.match(text, /state after it: \{"x": "29"\}/);
  t.match(text, /\.\.\. 27 more$/);
  t.equal(text.split('\n').length, 1 + 2 + 1 + 3 + 1 + 1 + 3 + 1);
  t.match(renderCheckResult(kvModel, checkOperations(kvModel, history.slice(0, 30))), /^ok \(30 operations in 1 partition, [0-9.]+ ms\)$/);
});
