// The counter under the whole-node simulator: your own state machine, faults of every kind, and a
// linearizability verdict with a replayable seed (see @raftbus/testkit's `simulate`).
import t from 'tap';
import { counterModel, simulate, type CounterInput, type CounterOutput, type Workload } from '@raftbus/testkit';
import { counter, type AddCommand, type GetQuery } from '../src/counter.js';

const counterWorkload: Workload<AddCommand, number, GetQuery, number, CounterInput, CounterOutput> = {
  name: 'counter',
  next(random) {
    const key = random.chance(0.5) ? 'a' : 'b';
    if (random.chance(0.4)) return { kind: 'query', input: { op: 'get', key }, query: { name: key }, output: (value) => ({ value }) };
    const delta = 1 + random.int(3);
    return { kind: 'command', input: { op: 'add', key, delta }, command: { name: key, delta }, output: (value) => ({ value }) };
  },
};

t.test('the counter stays linearizable under drops, partitions and crashes', async (t) => {
  const report = await simulate({ stateMachine: counter, workload: counterWorkload, model: counterModel, seeds: 3 });
  t.comment(`histories ${report.histories}, operations ${JSON.stringify(report.operations)}, faults ${JSON.stringify(report.faults)}`);
  t.equal(report.linearizable, 3, report.violations.map((v) => `${v.replay}\n${v.detail}`).join('\n'));
});
