// One test per rule of the kv-store, plus its codecs and client.
import t from 'tap';
import { DecodeError } from '@raftbus/state-machine';
import { KvArgumentError, KvClient, KvLimitError, KvStore, UnexpectedKvResultError, createKvStore, kvStore, type KvCommand, type KvResult } from '../src/index.js';

const ctx = { index: 1, term: 1, logTimeMs: 0 };
const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

t.test('put returns the previous value; get reads it; delete says whether the key existed', async (t) => {
  const kv = new KvStore();
  t.same(kv.apply({ type: 'put', key: 'a', value: bytes('1') }), { kind: 'put', previous: null });
  t.equal(text((kv.apply({ type: 'put', key: 'a', value: bytes('2') }) as { previous: Uint8Array }).previous), '1');
  t.equal(text(kv.query({ type: 'get', key: 'a' })), '2');
  t.equal(kv.query({ type: 'get', key: 'missing' }), null);
  t.same(kv.apply({ type: 'delete', key: 'a' }), { kind: 'delete', deleted: true });
  t.same(kv.apply({ type: 'delete', key: 'a' }), { kind: 'delete', deleted: false });
  t.equal(kv.query({ type: 'get', key: 'a' }), null);
  t.same(kv.apply({ type: 'put', key: 'e', value: new Uint8Array(0) }), { kind: 'put', previous: null }, 'an empty value is a value');
  t.same(kv.query({ type: 'get', key: 'e' }), new Uint8Array(0));
});

t.test('set stores like put and answers only that it applied; its result is one shared frozen object', async (t) => {
  const kv = new KvStore();
  const first = kv.apply({ type: 'set', key: 'a', value: bytes('1') });
  t.same(first, { kind: 'set' });
  t.ok(Object.isFrozen(first), 'frozen: a caller cannot change what the next set answers');
  t.equal(kv.apply({ type: 'set', key: 'a', value: bytes('2') }), first, 'no allocation per set');
  t.equal(text(kv.query({ type: 'get', key: 'a' })), '2');
  t.equal(text((kv.apply({ type: 'put', key: 'a', value: bytes('3') }) as { previous: Uint8Array }).previous), '2', 'put after set sees what set stored');
  const given = bytes('xyz');
  kv.apply({ type: 'set', key: 'g', value: given });
  given[0] = 0;
  t.equal(text(kv.query({ type: 'get', key: 'g' })), 'xyz', 'set keeps a copy of the array it was given');
  const other = new KvStore();
  other.apply({ type: 'put', key: 'a', value: bytes('3') });
  other.apply({ type: 'put', key: 'g', value: bytes('xyz') });
  t.same(kv.snapshot(), other.snapshot(), 'the same state as the same writes made with put');
});

t.test('cas sets only when the current value equals expected; expected null means "must be absent"', async (t) => {
  const kv = new KvStore();
  t.same(kv.apply({ type: 'cas', key: 'k', expected: null, value: bytes('v1') }), { kind: 'cas', ok: true, value: bytes('v1') });
  t.same(kv.apply({ type: 'cas', key: 'k', expected: null, value: bytes('x') }), { kind: 'cas', ok: false, value: bytes('v1') }, 'present: create-if-absent fails and shows the value');
  t.same(kv.apply({ type: 'cas', key: 'k', expected: bytes('v0'), value: bytes('x') }), { kind: 'cas', ok: false, value: bytes('v1') });
  t.same(kv.apply({ type: 'cas', key: 'k', expected: bytes('v1x'), value: bytes('x') }), { kind: 'cas', ok: false, value: bytes('v1') }, 'a longer expected value never matches');
  t.same(kv.apply({ type: 'cas', key: 'k', expected: bytes('v1'), value: bytes('v2') }), { kind: 'cas', ok: true, value: bytes('v2') });
  t.same(kv.apply({ type: 'cas', key: 'gone', expected: bytes('v1'), value: bytes('x') }), { kind: 'cas', ok: false, value: null }, 'absent: an expected value fails and says null');
  t.equal(text(kv.query({ type: 'get', key: 'k' })), 'v2');
});

t.test('no caller can change the state through an array it was given', async (t) => {
  const kv = new KvStore();
  kv.apply({ type: 'put', key: 'k', value: bytes('abc') });
  kv.query({ type: 'get', key: 'k' })![0] = 0;
  (kv.apply({ type: 'cas', key: 'k', expected: bytes('abc'), value: bytes('def') }) as { value: Uint8Array }).value[0] = 0;
  (kv.apply({ type: 'cas', key: 'k', expected: bytes('zzz'), value: bytes('x') }) as { value: Uint8Array }).value[0] = 0;
  t.equal(text(kv.query({ type: 'get', key: 'k' })), 'def');
  const given = bytes('xyz');
  kv.apply({ type: 'put', key: 'g', value: given });
  given[0] = 0;
  const previous = (kv.apply({ type: 'put', key: 'g', value: bytes('new') }) as { previous: Uint8Array }).previous;
  t.equal(text(previous), 'xyz', 'the store kept a copy of the array put gave it');
  previous[0] = 0;
  t.equal(text(kv.query({ type: 'get', key: 'g' })), 'new');
});

t.test('bounds: key ≤ maxKeyBytes (UTF-8), value and expected ≤ maxValueBytes, at most maxKeys keys; a refused command changes nothing', async (t) => {
  const kv = new KvStore({ maxKeyBytes: 4, maxValueBytes: 8, maxKeys: 2 });
  const fieldOf = (c: KvCommand) => {
    const e = caught(() => kv.apply(c));
    if (e === undefined) return 'accepted';
    t.type(e, KvArgumentError);
    return (e as KvArgumentError).field;
  };
  t.equal(fieldOf({ type: 'put', key: 'ééé', value: bytes('') }), 'key', '3 characters, 6 bytes');
  t.equal(fieldOf({ type: 'put', key: '', value: bytes('') }), 'key');
  t.equal(fieldOf({ type: 'put', key: 'k', value: new Uint8Array(9) }), 'value');
  t.equal(fieldOf({ type: 'put', key: 'k', value: 'text' as unknown as Uint8Array }), 'value');
  t.equal(fieldOf({ type: 'cas', key: 'k', expected: new Uint8Array(9), value: bytes('') }), 'expected');
  t.equal(fieldOf({ type: 'cas', key: 'k', expected: null, value: new Uint8Array(9) }), 'value');
  t.equal(fieldOf({ type: 'set', key: 'toolong', value: bytes('') }), 'key');
  t.equal(fieldOf({ type: 'set', key: 'k', value: new Uint8Array(9) }), 'value');
  t.equal(fieldOf({ type: 'delete', key: 'toolong' }), 'key');
  t.equal(fieldOf({ type: 'zap' } as unknown as KvCommand), 'type');
  t.equal(kv.size, 0, 'nothing was stored');
  t.equal(fieldOf({ type: 'put', key: 'éé', value: new Uint8Array(8) }), 'accepted', 'exactly at the bounds');
  t.equal(fieldOf({ type: 'put', key: 'b', value: bytes('') }), 'accepted');
  const before = kv.snapshot();
  const full = caught(() => kv.apply({ type: 'put', key: 'c', value: bytes('') }));
  t.type(full, KvLimitError);
  t.match(full, { limit: 'maxKeys', message: /maxKeys = 2/ });
  t.type(caught(() => kv.apply({ type: 'cas', key: 'c', expected: null, value: bytes('') })), KvLimitError);
  t.type(caught(() => kv.apply({ type: 'set', key: 'c', value: bytes('') })), KvLimitError);
  t.same(kv.snapshot(), before, 'the refused commands changed nothing');
  t.equal(fieldOf({ type: 'put', key: 'b', value: bytes('new') }), 'accepted', 'overwriting an existing key needs no room');
  t.equal(fieldOf({ type: 'set', key: 'b', value: bytes('newer') }), 'accepted', 'nor with set');
  t.throws(() => kv.query({ type: 'scan' } as never), KvArgumentError);
  t.throws(() => new KvStore({ maxKeys: 0 }), KvArgumentError);
  t.throws(() => createKvStore({ maxValueBytes: 0.5 }), KvArgumentError);
});

t.test('the default bounds are 1 KiB keys and 1 MiB values', async (t) => {
  const kv = kvStore.create();
  t.equal(kv.apply({ type: 'put', key: 'k'.repeat(1024), value: new Uint8Array(1 << 20) }, ctx).kind, 'put');
  t.throws(() => kv.apply({ type: 'put', key: 'k'.repeat(1025), value: bytes('') }, ctx), { message: /1025 UTF-8 bytes; the limit is 1024 \(maxKeyBytes\)/ });
  t.throws(() => kv.apply({ type: 'put', key: 'k', value: new Uint8Array((1 << 20) + 1) }, ctx), { message: /1048577 bytes; the limit is 1048576 \(maxValueBytes\)/ });
});

t.test('snapshot and restore round-trip byte for byte; a bad snapshot is refused and changes nothing', async (t) => {
  const kv = new KvStore();
  kv.apply({ type: 'put', key: 'a', value: bytes('1') });
  kv.apply({ type: 'put', key: 'ключ', value: new Uint8Array([0, 255, 7]) });
  kv.apply({ type: 'put', key: 'empty', value: new Uint8Array(0) });
  const copy = new KvStore();
  copy.restore(kv.snapshot());
  t.same(copy.snapshot(), kv.snapshot());
  t.same(copy.query({ type: 'get', key: 'ключ' }), new Uint8Array([0, 255, 7]));
  const good = kv.snapshot();
  for (const bad of [Uint8Array.of(2, ...good.subarray(1)), Uint8Array.of(...good, 1), good.subarray(0, good.byteLength - 1), Uint8Array.of(1, 2, 1, 97, 0, 1, 97, 0)]) {
    t.throws(() => copy.restore(bad), DecodeError);
  }
  t.same(copy.snapshot(), good, 'still the good state');
});

t.test('codecs round-trip every command, result, query and query result; decoders refuse garbage', async (t) => {
  const d = kvStore;
  const commands: KvCommand[] = [
    { type: 'put', key: 'k', value: bytes('v') },
    { type: 'put', key: 'ü'.repeat(100), value: new Uint8Array(70_000).fill(7) },
    { type: 'set', key: 'k', value: bytes('v') },
    { type: 'set', key: 'é', value: new Uint8Array(0) },
    { type: 'delete', key: 'k' },
    { type: 'cas', key: 'k', expected: null, value: bytes('v') },
    { type: 'cas', key: 'k', expected: new Uint8Array(0), value: new Uint8Array(0) },
  ];
  const results: KvResult[] = [
    { kind: 'put', previous: null },
    { kind: 'put', previous: bytes('old') },
    { kind: 'set' },
    { kind: 'delete', deleted: true },
    { kind: 'delete', deleted: false },
    { kind: 'cas', ok: true, value: bytes('v') },
    { kind: 'cas', ok: false, value: null },
  ];
  for (const c of commands) t.same(d.commandCodec.decode(d.commandCodec.encode(c)), c, `command ${c.type}`);
  for (const r of results) t.same(d.resultCodec.decode(d.resultCodec.encode(r)), r, `result ${r.kind}`);
  t.same(d.queryCodec.decode(d.queryCodec.encode({ type: 'get', key: 'k' })), { type: 'get', key: 'k' });
  for (const v of [null, bytes('x'), new Uint8Array(0)]) t.same(d.queryResultCodec.decode(d.queryResultCodec.encode(v)), v);
  t.equal(d.commandCodec.encode(commands[0]!).byteLength, 1 + 2 + 2, 'a small put is tag + key + value bytes');
  t.equal(d.resultCodec.encode({ kind: 'set' }).byteLength, 1, "set's answer is its tag alone");
  t.throws(() => d.resultCodec.decode(Uint8Array.of(...d.resultCodec.encode({ kind: 'set' }), 0)), DecodeError, 'set result: trailing bytes');
  const frame = d.commandCodec.encode(commands[1]!);
  const decoded = d.commandCodec.decode(frame) as { value: Uint8Array };
  t.equal(decoded.value.buffer, frame.buffer, "a decoded command's value is a view of the entry: the store copies what it keeps");
  const resultFrame = d.resultCodec.encode({ kind: 'put', previous: new Uint8Array(5_000).fill(3) });
  const result = d.resultCodec.decode(resultFrame) as { previous: Uint8Array };
  t.not(result.previous.buffer, resultFrame.buffer, 'a decoded result is a copy: its caller keeps it, and a view would pin the reply frame');
  t.same(result.previous, new Uint8Array(5_000).fill(3));
  for (const codec of [d.commandCodec, d.resultCodec, d.queryCodec] as const) t.throws(() => codec.decode(Uint8Array.of(9)), DecodeError);
  t.throws(() => d.queryResultCodec.decode(Uint8Array.of(2)), DecodeError, 'bad presence flag');
  t.throws(() => d.commandCodec.decode(Uint8Array.of(...d.commandCodec.encode(commands[2]!), 0)), DecodeError, 'trailing bytes');
});

t.test('KvClient narrows results and refuses a result of the wrong kind', async (t) => {
  const kv = kvStore.create();
  const client = new KvClient({ propose: async (c) => kv.apply(c, ctx), read: async (q) => kv.query(q) });
  t.equal(await client.put('a', bytes('1')), null);
  t.same(await client.cas('a', bytes('1'), bytes('2')), { kind: 'cas', ok: true, value: bytes('2') });
  t.same(await client.get('a'), bytes('2'));
  t.equal(await client.delete('a'), true);
  t.equal(await client.set('b', bytes('x')), undefined);
  t.same(await client.get('b'), bytes('x'));
  const liar = new KvClient({ propose: async () => ({ kind: 'delete', deleted: true }), read: async () => null });
  await t.rejects(liar.put('a', bytes('')), UnexpectedKvResultError);
  await t.rejects(liar.cas('a', null, bytes('')), UnexpectedKvResultError);
  await t.rejects(liar.set('a', bytes('')), UnexpectedKvResultError);
  const liar2 = new KvClient({ propose: async () => ({ kind: 'put', previous: null }), read: async () => null });
  await t.rejects(liar2.delete('a'), UnexpectedKvResultError);
});
