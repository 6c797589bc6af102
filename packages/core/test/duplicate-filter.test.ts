import t from 'tap';
import { BinaryReader, BinaryWriter } from '@raftbus/state-machine';
import { DuplicateFilter } from '../src/node/duplicate-filter.js';

t.test('each request id of a proposer applies once, within a count and a spread of ids', async (t) => {
  const filter = new DuplicateFilter(60_000, 10, 4);
  const seen = (id: number, ackedBelow = 0) => filter.seen('n1', 1, id, ackedBelow, 0);
  t.same([1, 2, 3, 1, 2].map((id) => seen(id)), [false, false, false, true, true], 'a second copy is skipped');
  t.equal(filter.seen('n2', 1, 1, 0, 0), false, 'ids are per proposer');
  t.equal(filter.seen('n1', 2, 1, 0, 0), false, 'and per incarnation');
  t.same([4, 5].map((id) => seen(id)), [false, false]);
  t.equal(seen(1), true, 'the oldest, pushed out by a fifth id, counts as seen');
  t.equal(seen(7, 4), false);
  t.equal(seen(3), true, 'ids below the acknowledgement count as seen');
  t.equal(seen(20), false, 'a spread of 16 > 8');
  t.same([4, 5, 7, 12, 13].map((id) => seen(id)), [true, true, true, true, false], 'ids below 20 - 8 + 1 = 13 count as seen');
  const w = new BinaryWriter();
  filter.encode(w);
  const copy = new DuplicateFilter(60_000, 10, 4);
  copy.decodeFrom(new BinaryReader(w.finish()));
  t.same([12, 13, 20, 21].map((id) => copy.seen('n1', 1, id, 0, 0)), [true, true, true, false], 'a snapshot carries the same ids');
});
