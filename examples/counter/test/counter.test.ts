import t from 'tap';
import { Counters, counter } from '../src/counter.js';

t.test('the counter adds, reads, snapshots and restores', async (t) => {
  const a = new Counters();
  t.equal(a.apply({ name: 'x', delta: 2 }), 2);
  t.equal(a.apply({ name: 'x', delta: -5 }), -3);
  t.equal(a.query({ name: 'x' }), -3);
  t.equal(a.query({ name: 'never' }), 0);
  const b = new Counters();
  b.restore(a.snapshot());
  t.equal(b.query({ name: 'x' }), -3);
  t.throws(() => a.apply({ name: 'x', delta: Number.NaN }), /finite/);
});

t.test('the binary codecs round-trip', async (t) => {
  t.same(counter.commandCodec.decode(counter.commandCodec.encode({ name: 'héllo', delta: -1.5 })), { name: 'héllo', delta: -1.5 });
  t.equal(counter.resultCodec.decode(counter.resultCodec.encode(42)), 42);
  t.same(counter.queryCodec.decode(counter.queryCodec.encode({ name: 'n' })), { name: 'n' });
});
