import t from 'tap';
import { Cluster, dec, enc } from './helpers/cluster.js';

t.test('a three-node cluster elects a leader and commits proposals on every node', async (t) => {
  const c = new Cluster(['n1', 'n2', 'n3']);
  const leader = c.elect();
  const r = leader.propose([enc('a'), enc('b')]);
  c.settle();
  c.tick(2);
  for (const id of c.ids) {
    const data = c.applied.get(id)!.filter((e) => e.data.length > 0).map((e) => dec(e.data));
    t.same(data, ['a', 'b'], `${id} applied both`);
    t.equal(c.core(id).commitIndex, r.lastIndex, `${id} commit`);
  }
});
