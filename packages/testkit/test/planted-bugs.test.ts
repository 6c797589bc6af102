// The sweep must catch each planted bug within a bounded number of seeds; this test fails if one goes
// unnoticed. The bugs live in testkit subclasses (src/sim/planted-bugs.ts); the core stays clean.
import t from 'tap';
import { Cluster } from '../src/sim/cluster.js';
import { SimulationViolation } from '../src/sim/errors.js';
import { OldTermCommitCore, PLANTED_BUGS, type PlantedBugName } from '../src/sim/planted-bugs.js';
import { runSeed, type SweepOptions } from '../src/sim/sweep.js';

const SEEDS_MAX = 2000;
const NODES = 5;

function hunt(bug: PlantedBugName, checkSendDurability: boolean): { seeds: number; violation: SimulationViolation } | undefined {
  const planted = PLANTED_BUGS[bug] as { coreFactory?: SweepOptions['coreFactory']; diskFactory?: SweepOptions['diskFactory'] };
  for (let seed = 1; seed <= SEEDS_MAX; seed++) {
    const r = runSeed(seed, { nodes: NODES, checkSendDurability, ...planted });
    if (r.violation) return { seeds: seed, violation: r.violation };
  }
  return undefined;
}

const cases: { bug: PlantedBugName; checkSendDurability: boolean; expect: readonly string[] }[] = [
  // Consequences only: the durability-before-send checks are off, so what catches the bug is what it breaks.
  { bug: 'old-term-commit', checkSendDurability: false, expect: ['leader-completeness', 'state-machine-safety', 'committed-never-lost'] },
  { bug: 'vote-without-log-check', checkSendDurability: false, expect: ['leader-completeness', 'state-machine-safety', 'committed-never-lost'] },
  { bug: 'forget-vote', checkSendDurability: false, expect: ['election-safety'] },
  // With every checker on, the lost vote is seen the moment the vote leaves the node.
  { bug: 'forget-vote', checkSendDurability: true, expect: ['vote-durable'] },
];

for (const c of cases) {
  const mode = c.checkSendDurability ? 'all checkers' : 'consequence checkers only';
  t.test(`planted bug "${c.bug}" (${PLANTED_BUGS[c.bug].description}) is caught, ${mode}`, async (t) => {
    const found = hunt(c.bug, c.checkSendDurability);
    if (!found) {
      t.fail(`not caught in ${SEEDS_MAX} seeds`);
      return;
    }
    t.comment(`${c.bug} (${mode}): caught after ${found.seeds} seeds by ${found.violation.property}: ${found.violation.message}`);
    t.ok(c.expect.includes(found.violation.property), `caught by ${found.violation.property}`);
    const clean = runSeed(found.seeds, { nodes: NODES, checkSendDurability: c.checkSendDurability });
    t.notOk(clean.violation, `seed ${found.seeds} passes with the correct core and disk`);
  });
}

/** The paper's Figure 8, step by step (5 nodes, preVote and checkQuorum off to keep it short). */
function figure8Scenario(buggy: boolean): Cluster {
  const c = new Cluster({
    nodes: 5,
    seed: 1,
    raft: { preVote: false, checkQuorum: false, maxMessageEntries: 1 },
    ...(buggy ? { coreFactory: (o, i) => new OldTermCommitCore(o, i) } : {}),
  });
  const lead = (id: string) =>
    c.runUntil(
      () => {
        const n = c.node(id);
        if (n.role === 'follower') n.raft.campaign();
        return n.role === 'leader';
      },
      10 * c.electionTicks,
      `${id}-leads`,
    );
  // (a) n1 leads term 1 and replicates X at index 2 to n2 only.
  lead('n1');
  c.tick(2);
  ['n3', 'n4', 'n5'].forEach((id) => c.disconnect(id));
  c.start('n1', 'X');
  c.tick(2);
  // (b) n1 crashes; n5 wins term 2 with n3 and n4, and its no-op at index 2 reaches no one.
  c.crash('n1');
  ['n3', 'n4', 'n5'].forEach((id) => c.connect(id));
  c.disconnect('n2');
  c.network.dropWhere((m) => m.from === 'n5' && m.type === 'append');
  lead('n5');
  c.tick(1);
  // (c) n5 crashes; n1 returns and wins term 3; X reaches n3 and n4 but its own no-op does not.
  c.crash('n5');
  c.restart('n1');
  c.connect('n2');
  c.network.dropWhere((m) => {
    const to = c.node(m.to);
    return m.from === 'n1' && m.type === 'append' && to.up && to.lastIndex >= m.index && m.entries.some((e) => e.term === c.node('n1').term);
  });
  lead('n1');
  c.tick(3);
  // (d) n1 crashes; n5 returns and, with its term-2 entry, wins term 4 and overwrites index 2.
  c.crash('n1');
  c.network.dropWhere(undefined);
  c.restart('n5');
  lead('n5');
  c.tick(5);
  return c;
}

t.test('Figure 8 step by step: the correct core never commits X early; the planted bug does, and is caught', async (t) => {
  const ok = figure8Scenario(false);
  t.equal(ok.nCommitted(2).command, '', "index 2 holds n5's no-op, and X was never reported committed");
  t.throws(() => figure8Scenario(true), { name: 'SafetyViolation', property: 'leader-completeness' }, 'the buggy core commits X in term 3; n5 then leads without it');
});
