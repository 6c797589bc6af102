// MIT 6.824 Lab 2B / 6.5840 Lab 3B, in ticks. Indices are one higher than MIT's: a new leader's no-op
// takes index 1.
import t from 'tap';
import { Cluster } from '../src/sim/cluster.js';

t.test('BasicAgree: nothing commits before a command; commands commit in order on all', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 11 });
  c.checkOneLeader();
  let previous = c.checker.highestCommittedIndex;
  for (let k = 1; k <= 3; k++) {
    t.equal(c.nCommitted(previous + 1).count, 0, `nothing committed at ${previous + 1} before Start()`);
    const index = c.one(k * 100, 3, false);
    t.equal(index, previous + 1, `command ${k} at the next index`);
    t.equal(c.nCommitted(index).command, String(k * 100));
    previous = index;
  }
});

t.test('FailAgree: a follower away, the majority agrees; it returns and catches up', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 12 });
  c.one(101, 3, false);
  const leader = c.checkOneLeader();
  const away = c.ids.find((id) => id !== leader)!;
  c.disconnect(away);
  c.one(102, 2, false);
  c.one(103, 2, false);
  c.tick(2 * c.electionTicks);
  c.one(104, 2, false);
  c.one(105, 2, false);
  c.connect(away);
  c.one(106, 3, true);
  c.tick(2 * c.electionTicks);
  const index = c.one(107, 3, true);
  t.equal(c.nCommitted(index).count, 3, 'all three agree after the rejoin');
});

t.test('FailNoAgree: 3 of 5 away, nothing commits; back together, agreement resumes', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 13 });
  c.one(10, 5, false);
  const leader = c.checkOneLeader();
  const k = c.ids.indexOf(leader);
  const away = [1, 2, 3].map((d) => c.ids[(k + d) % 5]!);
  away.forEach((id) => c.disconnect(id));
  const started = c.start(leader, 20);
  t.ok(started, 'the leader still accepts the command');
  c.tick(4 * c.electionTicks);
  t.equal(c.nCommitted(started!.index).count, 0, `index ${started!.index} must not commit without a majority`);
  away.forEach((id) => c.connect(id));
  const leader2 = c.checkOneLeader();
  const again = c.start(leader2, 30);
  t.ok(again && again.index >= started!.index && again.index <= started!.index + 2, `the next command lands at ${again?.index}`);
  c.one(1000, 5, true);
});

t.test('ConcurrentStarts: five commands in one tick all commit, in one term', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 14 });
  const leader = c.checkOneLeader();
  const term = c.node(leader).term;
  const commands = [1, 2, 3, 4, 5].map((i) => `concurrent-${i}`);
  const placed = c.agree(commands, 3);
  t.same([...placed.keys()].sort(), [...commands].sort(), 'all five committed');
  const indices = [...placed.values()].sort((x, y) => x - y);
  t.equal(indices[4]! - indices[0]!, 4, 'at consecutive indices');
  t.equal(c.node(leader).term, term, 'without an election');
});

t.test('Rejoin: a partitioned leader with uncommitted entries returns and is overruled', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 15 });
  c.one(101, 3, true);
  const leader1 = c.checkOneLeader();
  c.disconnect(leader1);
  for (const cmd of [102, 103, 104]) t.ok(c.start(leader1, cmd), `old leader takes ${cmd}`);
  c.one(103, 2, true);
  const leader2 = c.checkOneLeader();
  c.disconnect(leader2);
  c.connect(leader1);
  c.one(104, 2, true);
  c.connect(leader2);
  const index = c.one(105, 3, true);
  c.awaitConvergence(4 * c.electionTicks);
  for (const n of c.nodes) t.equal(n.appliedIndex, index, `${n.id} applied the agreed log`);
  const appliedCommands = [...c.appliedData.values()].map((d) => new TextDecoder().decode(d));
  t.equal(appliedCommands.filter((x) => x === '102').length, 0, "the old leader's divergent entries are gone");
});

t.test('Backup: 50 divergent uncommitted entries are repaired quickly', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 16 });
  let n = 0;
  const next = () => `b${n++}`;
  c.one(next(), 5, true);
  const leader1 = c.checkOneLeader();
  const k = c.ids.indexOf(leader1);
  const at = (d: number) => c.ids[(k + d) % 5]!;
  [2, 3, 4].forEach((d) => c.disconnect(at(d)));
  for (let i = 0; i < 50; i++) c.start(leader1, next()); // never to commit
  c.tick(c.electionTicks / 2);
  [0, 1].forEach((d) => c.disconnect(at(d)));
  [2, 3, 4].forEach((d) => c.connect(at(d)));
  for (let i = 0; i < 50; i++) c.one(next(), 3, true);
  const leader2 = c.checkOneLeader();
  const other = [2, 3, 4].map(at).find((id) => id !== leader2)!;
  c.disconnect(other);
  for (let i = 0; i < 50; i++) c.start(leader2, next()); // never to commit either
  c.tick(c.electionTicks / 2);
  c.ids.forEach((id) => c.disconnect(id));
  [at(0), at(1), other].forEach((id) => c.connect(id));
  for (let i = 0; i < 50; i++) c.one(next(), 3, true);
  const repairFrom = c.now;
  const messagesFrom = c.messageCount();
  c.ids.forEach((id) => c.connect(id));
  const index = c.one(next(), 5, true);
  const repairTicks = c.now - repairFrom;
  const repairMessages = c.messageCount() - messagesFrom;
  // Fast backtracking skips a whole conflicting term per round trip: a few rounds, not 50.
  t.ok(repairTicks <= 3 * c.electionTicks, `all five agree ${repairTicks} ticks after the heal`);
  t.ok(repairMessages <= 100, `${repairMessages} messages to repair`);
  t.equal(c.nCommitted(index).count, 5);
  t.comment(`Backup figures: repairTicks=${repairTicks} repairMessages=${repairMessages} total ticks=${c.now}`);
});
