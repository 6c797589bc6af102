// MIT 6.824 Lab 2A / 6.5840 Lab 3A, in ticks (electionTicks 10: a follower times out after 10–19 ticks).
import t from 'tap';
import { Cluster } from '../src/sim/cluster.js';

t.test('InitialElection: one leader, terms agree, and no change without failures', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 1 });
  const leader = c.checkOneLeader();
  t.ok(c.node(leader).role === 'leader');
  const term1 = c.checkTerms();
  t.ok(term1 >= 1, `term ${term1} after the first election`);
  c.tick(4 * c.electionTicks);
  t.equal(c.checkTerms(), term1, 'no failures, so the term stays');
  t.equal(c.checkOneLeader(), leader, 'and the leader stays');
});

t.test('ReElection: leader loss, rejoin, no quorum, quorum again', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 2 });
  const leader1 = c.checkOneLeader();
  c.disconnect(leader1);
  const leader2 = c.checkOneLeader();
  t.not(leader2, leader1, 'a new leader after the old one left');
  c.connect(leader1);
  const leader3 = c.checkOneLeader();
  t.equal(leader3, leader2, 'the old leader rejoining does not disturb the new one');
  const other = c.ids.find((id) => id !== leader3 && id !== leader1)!;
  c.disconnect(leader3);
  c.disconnect(other);
  c.tick(4 * c.electionTicks);
  t.doesNotThrow(() => c.checkNoLeader(), 'no leader without a quorum');
  c.connect(other);
  c.checkOneLeader();
  c.connect(leader3);
  c.checkOneLeader();
});

t.test('ManyElections: 7 nodes, 3 random ones disconnected each round', async (t) => {
  const c = new Cluster({ nodes: 7, seed: 3 });
  c.checkOneLeader();
  const rounds = 10;
  for (let i = 0; i < rounds; i++) {
    const gone = c.random.shuffled(c.ids).slice(0, 3);
    gone.forEach((id) => c.disconnect(id));
    const leader = c.checkOneLeader();
    t.notOk(gone.includes(leader), `round ${i}: leader ${leader} is among the 4 connected`, { diagnostic: false });
    gone.forEach((id) => c.connect(id));
  }
  c.checkOneLeader();
});

t.test('Count: bounded messages to elect, per agreement, and when idle', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 4 });
  const leader = c.checkOneLeader();
  const toElect = c.messageCount();
  // Pre-vote, vote and the no-op's append, each a request and a response to 2 peers: 12, plus the
  // heartbeats of a few ticks before the last check. MIT allows 30 RPCs (60 messages).
  t.ok(toElect <= 30, `${toElect} messages to elect a leader`);
  const before = c.messageCount();
  const term = c.node(leader).term;
  for (let i = 1; i <= 10; i++) c.one(`count-${i}`, 3, false);
  t.equal(c.node(leader).term, term, 'no election meanwhile');
  const perTenAgreements = c.messageCount() - before;
  const ticks = c.now;
  // MIT allows (10 + 1 + 3) RPCs per peer, counting requests only. Here, per command and per peer:
  // the append and its response, the empty append that carries the new commit index and its
  // response, and one heartbeat round (with response) for the tick one() waits: 6 × 2 peers.
  t.ok(perTenAgreements <= 10 * 6 * 2, `${perTenAgreements} messages for 10 agreements`);
  const idleFrom = c.messageCount();
  const idleTicks = 2 * c.electionTicks;
  c.tick(idleTicks);
  const idle = c.messageCount() - idleFrom;
  // One heartbeat and one response per follower per heartbeat interval (1 tick by default).
  t.ok(idle <= idleTicks * 2 * 2, `${idle} messages in ${idleTicks} idle ticks`);
  t.ok(ticks > 0);
  t.comment(`Count figures: elect=${toElect} agree10=${perTenAgreements} idle/${idleTicks}ticks=${idle} bytes=${c.messageBytes()}`);
});

t.test('RPCBytes: each command crosses the wire once per peer', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 4 });
  c.checkOneLeader();
  c.one('warm-up', 3, false);
  const before = c.messageBytes();
  const payloadBytes = 5000;
  for (let i = 0; i < 10; i++) c.one(`${i}`.padEnd(payloadBytes, 'x'), 3, false);
  const sent = c.messageBytes() - before;
  const bound = 10 * payloadBytes * 2 + 50_000;
  t.ok(sent <= bound, `${sent} bytes for 10 × ${payloadBytes} B to 2 peers (bound ${bound})`);
});

t.test('PreVote: a rejoining partitioned node does not depose a healthy leader', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 5 });
  const leader = c.checkOneLeader();
  c.one('before', 5, false);
  const term = c.node(leader).term;
  const loner = c.ids.find((id) => id !== leader)!;
  c.disconnect(loner);
  c.tick(10 * c.electionTicks); // it times out again and again while alone
  t.equal(c.node(loner).term, term, 'pre-vote keeps the isolated node from inflating its term');
  t.ok(c.node(loner).role !== 'leader');
  c.connect(loner);
  c.tick(5 * c.electionTicks);
  t.equal(c.checkOneLeader(), leader, 'the leader is still the leader');
  t.equal(c.node(leader).term, term, 'in the same term');
  c.one('after', 5, false);
});

t.test('PreVote off for contrast: the same rejoin does raise the term (check-quorum alone)', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 5, raft: { preVote: false, checkQuorum: false } });
  const leader = c.checkOneLeader();
  const term = c.node(leader).term;
  const loner = c.ids.find((id) => id !== leader)!;
  c.disconnect(loner);
  c.tick(10 * c.electionTicks);
  t.ok(c.node(loner).term > term, `without pre-vote the loner campaigns up to term ${c.node(loner).term}`);
  c.connect(loner);
  c.tick(5 * c.electionTicks);
  c.checkOneLeader();
  t.ok(c.checkTerms() > term, 'and its term deposes the old leader on rejoin');
});

t.test('LeadershipTransfer: to a caught-up follower, via a follower, and to a lagging one', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 6 });
  let leader = c.checkOneLeader();
  c.one('x1', 5, false);
  const target1 = c.ids.find((id) => id !== leader)!;
  t.ok(c.transferLeadership(leader, target1));
  c.runUntil(() => c.leader() === target1, 3 * c.electionTicks, 'transfer-1');
  leader = c.checkOneLeader();
  t.equal(leader, target1, 'the target leads');
  c.one('x2', 5, false);

  const via = c.ids.find((id) => id !== leader)!;
  const target2 = c.ids.find((id) => id !== leader && id !== via)!;
  t.ok(c.transferLeadership(via, target2), 'a follower forwards the request to the leader');
  c.runUntil(() => c.leader() === target2, 3 * c.electionTicks, 'transfer-2');
  leader = c.checkOneLeader();

  const lagging = c.ids.find((id) => id !== leader)!;
  c.disconnect(lagging);
  for (let i = 0; i < 5; i++) c.one(`lag-${i}`, 4, false);
  c.connect(lagging);
  t.ok(c.transferLeadership(leader, lagging));
  c.runUntil(() => c.leader() === lagging, 3 * c.electionTicks, 'transfer-3');
  t.ok(c.node(lagging).lastIndex >= c.checker.highestCommittedIndex, 'the target was caught up first');
  c.one('x3', 5, false);
});
