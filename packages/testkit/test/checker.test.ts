import t, { type Test } from 'tap';
import { Role, type Entry, type Message, type NodeId } from '@raftbus/core';
import { SafetyChecker, type NodeView } from '../src/sim/checker.js';
import { SimDisk } from '../src/sim/disk.js';
import { SafetyViolation } from '../src/sim/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);
const entry = (index: number, term: number, data = `e${index}.${term}`): Entry => ({ index, term, type: 0, data: enc(data) });

/** A node as the checker sees it, with a plain in-memory log. */
class FakeNode implements NodeView {
  term = 1;
  role: Role = Role.Follower;
  commitIndex = 0;
  snapshotIndex = 0;
  log: Entry[] = [];
  constructor(readonly id: NodeId) {}
  get lastIndex(): number {
    return this.log.length;
  }
  termAt(index: number): number | undefined {
    return index === 0 ? 0 : this.log[index - 1]?.term;
  }
  entryAt(index: number): Entry | undefined {
    return this.log[index - 1];
  }
}

function setup(): { checker: SafetyChecker; a: FakeNode; b: FakeNode; c: FakeNode } {
  const a = new FakeNode('a');
  const b = new FakeNode('b');
  const c = new FakeNode('c');
  const checker = new SafetyChecker({ seed: 77 }, () => [a, b, c]);
  checker.tick = 12;
  return { checker, a, b, c };
}

function violation(t: Test, fn: () => void, property: string): void {
  try {
    fn();
    t.fail(`expected a ${property} violation`);
  } catch (e) {
    t.ok(e instanceof SafetyViolation, 'throws a SafetyViolation');
    const v = e as SafetyViolation;
    t.equal(v.property, property);
    t.equal(v.seed, 77, 'names the seed');
    t.equal(v.tick, 12, 'names the tick');
    t.ok(v.nodes.length > 0, 'names the nodes');
    t.match(v.message, /seed 77, tick 12/);
  }
}

t.test('election safety: two leaders in one term, ever', async (t) => {
  const { checker, a, b } = setup();
  a.role = Role.Leader;
  checker.checkStep();
  a.role = Role.Follower;
  a.term = 2;
  checker.checkStep();
  b.role = Role.Leader; // b claims term 1, which a already led
  violation(t, () => checker.checkStep(), 'election-safety');
});

t.test('leader completeness: a later leader lacks a committed entry', async (t) => {
  const { checker, a, b } = setup();
  a.log = [entry(1, 1), entry(2, 1)];
  a.commitIndex = 2;
  checker.checkStep();
  t.equal(checker.highestCommittedIndex, 2);
  b.log = [entry(1, 1), entry(2, 2)];
  b.term = 3;
  b.role = Role.Leader;
  violation(t, () => checker.checkStep(), 'leader-completeness');
});

t.test('leader completeness also covers commits observed after the election', async (t) => {
  const { checker, a, b } = setup();
  b.term = 3;
  b.role = Role.Leader;
  b.log = [entry(1, 1)];
  checker.checkStep();
  a.term = 2;
  a.log = [entry(1, 1), entry(2, 2)];
  a.commitIndex = 2; // committed in term 2, and the leader of term 3 does not hold it
  violation(t, () => checker.checkStep(), 'leader-completeness');
});

t.test('a stale leader need not hold what was committed in a later term', async (t) => {
  const { checker, a, b } = setup();
  b.term = 4;
  b.role = Role.Leader;
  b.log = [entry(1, 1), entry(2, 4)];
  checker.checkStep();
  a.term = 5;
  a.log = [entry(1, 1), entry(2, 3), entry(3, 5)];
  a.commitIndex = 3;
  t.doesNotThrow(() => checker.checkStep());
});

t.test('state machine safety: different entries committed or applied at one index', async (t) => {
  const { checker, a, b } = setup();
  a.log = [entry(1, 1, 'x')];
  a.commitIndex = 1;
  checker.checkStep();
  b.log = [entry(1, 1, 'y')];
  b.commitIndex = 1;
  violation(t, () => checker.checkStep(), 'state-machine-safety');
  const s = setup();
  s.checker.observeApply('a', 1, entry(1, 1), 0xaaaa);
  violation(t, () => s.checker.observeApply('b', 1, entry(1, 1), 0xbbbb), 'state-machine-safety');
});

t.test('in-order apply: each node applies applied+1; a restart rewinds to its snapshot', async (t) => {
  const { checker } = setup();
  checker.observeApply('a', 1, entry(1, 1), 1);
  checker.observeApply('a', 1, entry(2, 1), 2);
  violation(t, () => checker.observeApply('a', 1, entry(4, 1), 4), 'in-order-apply');
  const s = setup();
  s.checker.observeApply('a', 1, entry(1, 1), 1);
  s.checker.observeApply('a', 1, entry(2, 1), 2);
  s.checker.observeRestore('a', 0, 0, true);
  t.doesNotThrow(() => s.checker.observeApply('a', 1, entry(1, 1), 1), 'after a restart from nothing, 1 again');
  violation(t, () => s.checker.observeRestore('a', 0, 0, false), 'in-order-apply');
});

t.test('log matching: same index and term, different history', async (t) => {
  const { checker } = setup();
  const d1 = new SimDisk();
  const d2 = new SimDisk();
  d1.write({ entries: [entry(1, 1, 'p'), entry(2, 2)], hardState: { term: 2, vote: '', commit: 0 } });
  d2.write({ entries: [entry(1, 1, 'q'), entry(2, 2)], hardState: { term: 2, vote: '', commit: 0 } });
  checker.observeDisk('a', d1);
  violation(t, () => checker.observeDisk('b', d2), 'log-matching');
});

t.test('log matching passes for logs that agree, including after compaction', async (t) => {
  const { checker } = setup();
  const d1 = new SimDisk();
  const d2 = new SimDisk();
  const es = [entry(1, 1), entry(2, 1), entry(3, 2)];
  d1.write({ entries: es, hardState: { term: 2, vote: '', commit: 3 } });
  checker.observeDisk('a', d1);
  d1.compact({ meta: { index: 2, term: 1, confState: { voters: ['a'], learners: [], votersOutgoing: [] } }, data: new Uint8Array(0) });
  checker.observeDisk('a', d1);
  d1.write({ entries: [entry(4, 2)], hardState: { term: 2, vote: '', commit: 3 } });
  d2.write({ entries: [...es, entry(4, 2)], hardState: { term: 2, vote: '', commit: 3 } });
  t.doesNotThrow(() => {
    checker.observeDisk('a', d1);
    checker.observeDisk('b', d2);
  });
});

t.test('committed value never lost: a committed entry truncated from a durable log', async (t) => {
  const { checker, a } = setup();
  const disk = new SimDisk();
  disk.write({ entries: [entry(1, 1), entry(2, 1)], hardState: { term: 1, vote: '', commit: 0 } });
  checker.observeDisk('b', disk);
  a.log = [entry(1, 1), entry(2, 1)];
  a.commitIndex = 2;
  checker.checkStep();
  // The store refuses to overwrite its own committed entries, but this disk never heard commit 2.
  disk.write({ entries: [entry(2, 2)], hardState: { term: 2, vote: '', commit: 0 } });
  violation(t, () => checker.observeDisk('b', disk), 'committed-never-lost');
});

t.test('durability before send: term, vote and acknowledged entries', async (t) => {
  const base: Omit<Message, 'type' | 'from' | 'to'> = { term: 2, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 };
  const { checker } = setup();
  const disk = new SimDisk();
  disk.write({ entries: [entry(1, 1)], hardState: { term: 1, vote: '', commit: 0 } });
  violation(t, () => checker.observeSend({ ...base, type: 'voteResponse', from: 'a', to: 'b' }, disk), 'term-durable');
  disk.write({ entries: [], hardState: { term: 2, vote: '', commit: 0 } });
  violation(t, () => checker.observeSend({ ...base, type: 'voteResponse', from: 'a', to: 'b' }, disk), 'vote-durable');
  violation(t, () => checker.observeSend({ ...base, type: 'appendResponse', from: 'a', to: 'b', index: 2 }, disk), 'ack-durable');
  disk.write({ entries: [entry(2, 2)], hardState: { term: 2, vote: 'b', commit: 0 } });
  t.doesNotThrow(() => {
    checker.observeSend({ ...base, type: 'voteResponse', from: 'a', to: 'b' }, disk);
    checker.observeSend({ ...base, type: 'appendResponse', from: 'a', to: 'b', index: 2 }, disk);
    checker.observeSend({ ...base, type: 'preVote', term: 3, from: 'a', to: 'b' }, disk);
  });
  const off = new SafetyChecker({ seed: 1, checkSendDurability: false }, () => []);
  t.doesNotThrow(() => off.observeSend({ ...base, type: 'voteResponse', term: 9, from: 'a', to: 'b' }, disk), 'can be turned off');
});

t.test('ReadIndex: a read point below what was committed when the read was issued', async (t) => {
  const { checker, a } = setup();
  a.log = [entry(1, 1), entry(2, 1), entry(3, 1)];
  a.commitIndex = 3;
  checker.checkStep();
  checker.observeReadIssued('r1');
  checker.observeReadIssued('r2');
  t.doesNotThrow(() => checker.observeReadState('b', 'r1', { index: 3, context: enc('r1') }));
  violation(t, () => checker.observeReadState('b', 'r2', { index: 2, context: enc('r2') }), 'read-index-linearizable');
  t.equal(checker.figures.readsChecked, 2);
});

t.test('convergence: a node that applied less than what is committed', async (t) => {
  const { checker, a } = setup();
  a.log = [entry(1, 1), entry(2, 1)];
  a.commitIndex = 2;
  checker.checkStep();
  checker.observeApply('a', 1, entry(1, 1), 11);
  checker.observeApply('a', 1, entry(2, 1), 22);
  t.doesNotThrow(() => checker.checkConverged([{ id: 'a', appliedIndex: 2, hash: 22 }]));
  violation(t, () => checker.checkConverged([{ id: 'b', appliedIndex: 1, hash: 11 }]), 'committed-never-lost');
});
