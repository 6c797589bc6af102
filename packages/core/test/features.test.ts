// Behaviour beyond the paper's §5: pre-vote, check-quorum, ReadIndex, leadership transfer, snapshots,
// flow control, fast backtracking, bounds and bad input.
import t from 'tap';
import { NotLeaderError, ProposalDroppedError } from '../src/errors.js';
import { EntryType, MessageType, Role, type Entry, type Message } from '../src/protocol/types.js';
import { Cluster, dec, drain, enc, newCore } from './helpers/cluster.js';

const ids3 = ['n1', 'n2', 'n3'];
const ent = (index: number, term: number): Entry => ({ index, term, type: EntryType.Normal, data: enc(`${index}@${term}`) });

t.test('pre-vote: a pre-candidate asks at term + 1 without changing its own term or vote', async (t) => {
  const r = newCore('n1', ids3);
  for (let i = 0; i < 20 && r.role === Role.Follower; i++) r.tick();
  t.equal(r.role, Role.PreCandidate);
  t.equal(r.term, 0, 'term unchanged');
  t.equal(r.status().vote, '', 'no vote cast');
  const pre = drain(r).filter((m) => m.type === MessageType.PreVote);
  t.equal(pre.length, 2);
  t.ok(pre.every((m) => m.term === 1), 'asks for term 1');
});

t.test('pre-vote: a partitioned node rejoining does not depose a healthy leader or inflate terms', async (t) => {
  const c = new Cluster(ids3);
  const leader = c.elect();
  const term = leader.term;
  const victim = c.ids.find((id) => id !== leader.id)!;
  c.isolate(victim);
  c.tick(100);
  t.equal(c.core(victim).term, term, 'the isolated node never incremented its term (pre-vote failed)');
  c.heal();
  c.tick(5);
  t.equal(c.leader()?.id, leader.id, 'the same leader');
  t.equal(leader.term, term, 'in the same term');
});

t.test('check-quorum: a leader that cannot hear a majority steps down within an election timeout', async (t) => {
  const c = new Cluster(ids3);
  const leader = c.elect();
  c.isolate(leader.id);
  c.tick(2 * 10 + 1);
  t.equal(leader.role, Role.Follower);
});

t.test('check-quorum lease: a follower that hears from its leader ignores a vote request of a higher term', async (t) => {
  const r = newCore('n2', ids3);
  r.step({ type: MessageType.Heartbeat, from: 'n1', to: 'n2', term: 1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 });
  drain(r);
  r.step({ type: MessageType.Vote, from: 'n3', to: 'n2', term: 2, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 });
  t.equal(r.term, 1, 'term unchanged');
  t.same(drain(r).filter((m) => m.type === MessageType.VoteResponse), []);
});

t.test('ReadIndex: the leader releases a read only after a quorum confirms its leadership', async (t) => {
  const c = new Cluster(ids3);
  const leader = c.elect();
  c.tick(1);
  const [a, b] = c.ids.filter((id) => id !== leader.id) as [string, string];
  c.isolate(a);
  c.isolate(b);
  leader.readIndex(enc('r1'));
  c.settle();
  let rd = leader.ready();
  t.same(rd.readStates, [], 'no confirmation without a quorum');
  leader.advance(rd);
  c.heal();
  c.tick(1);
  // The heartbeat round confirmed it; the ReadState was drained by settle() into a Ready we did not see,
  // so ask again and look at the Ready directly.
  leader.readIndex(enc('r2'));
  for (const m of drain(leader)) c.core(m.to).step(m);
  const acks = [...c.cores.values()].filter((x) => x !== leader).flatMap((x) => drain(x));
  for (const m of acks) leader.step(m);
  rd = leader.ready();
  t.same(rd.readStates.map((r) => new TextDecoder().decode(r.context)), ['r2']);
  t.equal(rd.readStates[0]!.index, leader.commitIndex);
  leader.advance(rd);
});

t.test('ReadIndex: a new leader defers reads until it has committed an entry of its term', async (t) => {
  const r = newCore('n1', ids3, { preVote: false });
  r.campaign();
  r.step({ type: MessageType.VoteResponse, from: 'n2', to: 'n1', term: 1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 });
  t.equal(r.role, Role.Leader);
  drain(r);
  r.readIndex(enc('early'));
  const beats = drain(r).filter((m) => m.type === MessageType.Heartbeat);
  t.same(beats, [], 'no read round before the no-op commits');
  r.step({ type: MessageType.AppendResponse, from: 'n2', to: 'n1', term: 1, logTerm: 0, index: 1, commit: 0, entries: [], reject: false, rejectHint: 0 });
  const after = drain(r);
  t.ok(after.some((m) => m.type === MessageType.Heartbeat && m.index > 0), 'the read round starts once the no-op commits');
});

t.test('ReadIndex: a follower forwards the read and gets the leader\'s index back', async (t) => {
  const c = new Cluster(ids3);
  const leader = c.elect();
  c.tick(1);
  const f = c.core(c.ids.find((id) => id !== leader.id)!);
  f.readIndex(enc('f'));
  const states: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const core of c.cores.values()) {
      while (core.hasReady()) {
        const rd = core.ready();
        if (core === f) states.push(...rd.readStates.map((s) => s.index));
        for (const m of [...rd.messagesBeforePersist, ...rd.messages]) c.core(m.to).step(m);
        core.advance(rd);
      }
    }
  }
  t.same(states, [leader.commitIndex]);
  t.throws(() => newCore('n9', ids3).readIndex(enc('x')), NotLeaderError, 'no leader known: NotLeaderError');
});

t.test('leadership transfer: the target catches up, gets TimeoutNow and wins the next term', async (t) => {
  const c = new Cluster(ids3);
  const leader = c.elect();
  const target = c.ids.find((id) => id !== leader.id)!;
  c.cut.add(`${leader.id}>${target}`);
  leader.propose([enc('a'), enc('b')]);
  c.settle();
  c.cut.clear();
  leader.transferLeadership(target);
  t.throws(() => leader.propose([enc('c')]), ProposalDroppedError, 'proposals are refused during a transfer');
  c.settle();
  c.tick(3);
  t.equal(c.leader()?.id, target);
  t.equal(c.core(target).commitIndex >= 3, true, 'the target holds the log');
});

t.test('snapshot: a follower behind the compacted prefix catches up through InstallSnapshot', async (t) => {
  const c = new Cluster(ids3);
  const leader = c.elect();
  const lagger = c.ids.find((id) => id !== leader.id)!;
  c.isolate(lagger);
  for (let k = 0; k < 20; k++) leader.propose([enc(`v${k}`)]);
  c.settle();
  c.tick(1);
  const meta = { index: leader.appliedIndex, term: leader.term, confState: { voters: ids3, learners: [], votersOutgoing: [] } };
  leader.compact({ meta, data: enc('state-at-' + meta.index) });
  t.equal(leader.firstIndex, meta.index + 1, 'log compacted');
  c.heal();
  let installed: string | undefined;
  const lag = c.core(lagger);
  for (let i = 0; i < 10 && !installed; i++) {
    for (const core of c.cores.values()) core.tick();
    for (let round = 0; round < 20; round++) {
      for (const core of c.cores.values()) {
        while (core.hasReady()) {
          const rd = core.ready();
          if (core === lag && rd.snapshot) installed = new TextDecoder().decode(rd.snapshot.data);
          for (const m of [...rd.messagesBeforePersist, ...rd.messages]) c.core(m.to).step(m);
          core.advance(rd);
        }
      }
    }
  }
  t.equal(installed, 'state-at-' + meta.index, 'the lagging follower received the snapshot in a Ready');
  leader.propose([enc('after')]);
  c.settle();
  c.tick(1);
  t.equal(lag.commitIndex, leader.commitIndex, 'and replicates new entries afterwards');
});

t.test('flow control: at most maxInflightMessages appends are in flight to a follower', async (t) => {
  const r = newCore('n1', ids3, { preVote: false, maxInflightMessages: 4 });
  r.campaign();
  r.step({ type: MessageType.VoteResponse, from: 'n2', to: 'n1', term: 1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 });
  drain(r);
  for (const id of ['n2', 'n3']) {
    r.step({ type: MessageType.AppendResponse, from: id, to: 'n1', term: 1, logTerm: 0, index: 1, commit: 0, entries: [], reject: false, rejectHint: 0 });
  }
  drain(r);
  for (let k = 0; k < 10; k++) r.propose([enc(`x${k}`)]);
  const toN2 = drain(r).filter((m) => m.type === MessageType.Append && m.to === 'n2');
  t.equal(toN2.length, 4, 'window of 4');
  t.equal(r.status().progress['n2']!.state, 'replicate');
});

t.test('fast backtracking: a follower with 50 divergent entries is repaired in a few round trips', async (t) => {
  const c = new Cluster(['n1', 'n2', 'n3'], { preVote: false });
  const common = [ent(1, 1), ent(2, 1)];
  const divergent = Array.from({ length: 50 }, (_, k) => ent(3 + k, 2 + Math.floor(k / 10))); // terms 2..6
  const leaderLog = [...common, ...Array.from({ length: 30 }, (_, k) => ent(3 + k, 7))];
  c.disks.set('n1', { hardState: { term: 7, vote: '', commit: 2 }, entries: leaderLog });
  c.disks.set('n2', { hardState: { term: 7, vote: '', commit: 2 }, entries: [...common, ...divergent] });
  c.disks.set('n3', { hardState: { term: 7, vote: '', commit: 2 }, entries: leaderLog });
  for (const id of c.ids) c.start(id);
  c.core('n1').campaign();
  c.settle();
  const rejects = c.sent.filter((m) => m.type === MessageType.AppendResponse && m.from === 'n2' && m.reject).length;
  t.ok(rejects <= 3, `${rejects} rejections (one per conflicting term at most, far fewer than 50)`);
  t.same(c.core('n2').entries(1, 100).map((e) => e.term), c.core('n1').entries(1, 100).map((e) => e.term));
});

t.test('bounds: proposals beyond maxUncommittedBytes are refused with a clear error', async (t) => {
  const r = newCore('n1', ids3, { preVote: false, maxUncommittedBytes: 100 });
  r.campaign();
  r.step({ type: MessageType.VoteResponse, from: 'n2', to: 'n1', term: 1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 });
  r.propose([new Uint8Array(80)]);
  t.throws(() => r.propose([new Uint8Array(30)]), ProposalDroppedError);
  t.throws(() => newCore('n2', ids3).propose([enc('x')]), NotLeaderError, 'a follower refuses proposals with a leader hint');
});

t.test('bad input: malformed messages are counted and dropped, never thrown', async (t) => {
  const r = newCore('n1', ids3);
  const bad: unknown[] = [
    null,
    {},
    { type: 'nope', from: 'n2', to: 'n1', term: 1 },
    { type: MessageType.Append, from: 'n2', to: 'n1', term: -1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 },
    { type: MessageType.Append, from: 'n2', to: 'n9', term: 1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 },
    { type: MessageType.Append, from: 'n2', to: 'n1', term: 1, logTerm: 0, index: 0, commit: 0, entries: [ent(5, 1)], reject: false, rejectHint: 0 },
    { type: MessageType.Append, from: 'n2', to: 'n1', term: 1, logTerm: 0, index: 0, commit: 0, entries: [ent(1, 9)], reject: false, rejectHint: 0 },
    { type: MessageType.Snapshot, from: 'n2', to: 'n1', term: 1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 },
    { type: MessageType.Heartbeat, from: 'n1', to: 'n1', term: 1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 },
  ];
  for (const m of bad) t.doesNotThrow(() => r.step(m as Message));
  t.equal(r.status().malformedMessages, bad.length);
  t.equal(r.term, 0, 'state untouched');
});

t.test('forwarding: a follower sends proposals to the leader, which appends them', async (t) => {
  const c = new Cluster(ids3);
  const leader = c.elect();
  const f = c.core(c.ids.find((id) => id !== leader.id)!);
  f.forwardProposal([enc('via-follower')]);
  c.settle();
  c.tick(1);
  const data = c.applied.get(f.id)!.map((e) => new TextDecoder().decode(e.data));
  t.ok(data.includes('via-follower'), 'committed and applied on the follower');
  t.throws(() => newCore('n9', ids3).forwardProposal([enc('x')]), NotLeaderError, 'no leader known: NotLeaderError');
  const before = leader.status().droppedProposals;
  leader.transferLeadership(c.ids.find((id) => id !== leader.id && id !== f.id)!);
  leader.step({ type: MessageType.Propose, from: f.id, to: leader.id, term: leader.term, logTerm: 0, index: 0, commit: 0, entries: [{ index: 0, term: 0, type: EntryType.Normal, data: enc('late') }], reject: false, rejectHint: 0 });
  t.equal(leader.status().droppedProposals, before + 1, 'refused during a transfer: counted, not thrown');
});

t.test('commit broadcast: only followers waiting on forwarded proposals get an empty append at once', async (t) => {
  const c = new Cluster(ids3);
  const leader = c.elect();
  const [fa, fb] = c.ids.filter((id) => id !== leader.id) as [string, string];
  const emptyAppendsTo = (from: number) =>
    c.sent.slice(from).filter((m) => m.type === MessageType.Append && m.from === leader.id && m.entries.length === 0).map((m) => m.to);

  // A proposal made on the leader: once it commits, nobody needs an empty append.
  let mark = c.sent.length;
  const { lastIndex } = leader.propose([enc('on-leader')]);
  c.settle();
  t.equal(leader.status().commit, lastIndex, 'committed on the leader');
  t.same(emptyAppendsTo(mark), [], 'no empty append follows the commit');
  t.ok(c.core(fa).status().commit < lastIndex, 'followers have not heard of the commit yet');
  c.tick(1); // one heartbeat interval
  t.equal(c.core(fa).status().commit, lastIndex, 'the next heartbeat carries the commit to one follower');
  t.equal(c.core(fb).status().commit, lastIndex, 'and to the other');

  // A proposal forwarded by fa: fa hears of the commit immediately, fb does not.
  mark = c.sent.length;
  c.core(fa).forwardProposal([enc('via-fa')]);
  c.settle();
  const forwardedAt = leader.status().lastIndex;
  t.equal(leader.status().commit, forwardedAt, 'the forwarded proposal committed');
  t.same(emptyAppendsTo(mark), [fa], 'an empty append goes to the forwarding follower only');
  t.equal(c.core(fa).status().commit, forwardedAt, 'the forwarding follower knows the commit without waiting for a heartbeat');
  const appliedOnFa = c.applied.get(fa)!.map((e) => dec(e.data));
  t.ok(appliedOnFa.includes('via-fa'), 'and has applied its own proposal');
  t.ok(c.core(fb).status().commit < forwardedAt, 'the other follower learns it later');
  t.equal(leader.commitWaiters.size, 0, 'the waiter is forgotten once told');
});
