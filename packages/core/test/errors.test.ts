import t from 'tap';
import { NotLeaderError, assert, InvariantError } from '../src/errors.js';

t.test('NotLeaderError carries the leader hint and a stable code', async (t) => {
  const e = new NotLeaderError('n2');
  t.equal(e.code, 'NOT_LEADER');
  t.equal(e.leader, 'n2');
  t.equal(e.name, 'NotLeaderError');
  t.match(e.message, /n2/);
});

t.test('assert throws an InvariantError naming the invariant', async (t) => {
  t.throws(() => assert(false, 'commit-monotonic', () => 'commit 3 < 5'), InvariantError);
  t.doesNotThrow(() => assert(true, 'x'));
});
