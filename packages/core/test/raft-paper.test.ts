// One test per claim of the Raft paper (Ongaro & Ousterhout, "In Search of an Understandable Consensus
// Algorithm", §5.1–5.4), organised as etcd-io/raft's raft_paper_test.go: set a node up, step it with
// messages, check what it sends and what state it is in. Pre-vote is off here: the paper's election is
// the subject (pre-vote has its own tests).
import t from 'tap';
import { RaftCore } from '../src/protocol/raft.js';
import { EntryType, MessageType, Role, type Entry, type Message, type NodeId } from '../src/protocol/types.js';
import { Cluster, drain, enc, newCore, type Disk } from './helpers/cluster.js';

const paper = { preVote: false, checkQuorum: false, electionTicks: 10, heartbeatTicks: 1 };
const ids3 = ['n1', 'n2', 'n3'];

function msg(fields: Partial<Message> & Pick<Message, 'type' | 'from' | 'to' | 'term'>): Message {
  return { logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0, ...fields };
}

function ent(index: number, term: number, data = ''): Entry {
  return { index, term, type: EntryType.Normal, data: enc(data) };
}

function node(id: NodeId, opts: { voters?: NodeId[]; term?: number; vote?: NodeId; entries?: Entry[]; commit?: number } = {}): RaftCore {
  const disk: Disk = {
    hardState: { term: opts.term ?? 0, vote: opts.vote ?? '', commit: opts.commit ?? 0 },
    entries: opts.entries ?? [],
  };
  return newCore(id, opts.voters ?? ids3, paper, disk);
}

function leaderOf(id: NodeId, opts: Parameters<typeof node>[1] = {}): RaftCore {
  const r = node(id, opts);
  r.becomeCandidate();
  r.becomeLeader();
  return r;
}

function sentOf(r: RaftCore, type?: Message['type']): Message[] {
  const all = drain(r);
  return type ? all.filter((m) => m.type === type) : all;
}

t.test('§5.1 a server that sees a larger term adopts it and reverts to follower', async (t) => {
  for (const role of [Role.Follower, Role.Candidate, Role.Leader] as const) {
    const r = node('n1', { term: 1 });
    if (role !== Role.Follower) r.becomeCandidate();
    if (role === Role.Leader) r.becomeLeader();
    r.step(msg({ type: MessageType.Append, from: 'n2', to: 'n1', term: 5 }));
    t.equal(r.term, 5, `${role}: term adopted`);
    t.equal(r.role, Role.Follower, `${role}: became follower`);
    t.equal(r.leader, 'n2', `${role}: follows the sender of the append`);
  }
});

t.test('§5.1 a message with a stale term is ignored', async (t) => {
  const r = node('n1', { term: 3, entries: [ent(1, 1)] });
  r.step(msg({ type: MessageType.Append, from: 'n2', to: 'n1', term: 2, index: 1, logTerm: 1, entries: [ent(2, 2, 'x')] }));
  t.equal(r.lastIndex, 1, 'no entry appended from a stale leader');
  t.equal(r.term, 3);
  r.step(msg({ type: MessageType.Vote, from: 'n2', to: 'n1', term: 2, index: 5, logTerm: 2 }));
  t.same(sentOf(r, MessageType.VoteResponse), [], 'no vote granted for a stale term');
});

t.test('§5.2 servers start as followers', async (t) => {
  const r = node('n1');
  t.equal(r.role, Role.Follower);
  t.equal(r.leader, '');
});

t.test('§5.2 the leader sends heartbeats to every follower each heartbeat interval', async (t) => {
  const r = leaderOf('n1', { term: 1 });
  sentOf(r);
  r.tick();
  const beats = sentOf(r, MessageType.Heartbeat);
  t.same(beats.map((m) => m.to).sort(), ['n2', 'n3']);
  t.ok(beats.every((m) => m.entries.length === 0 && m.term === r.term), 'heartbeats carry no entries, current term');
});

t.test('§5.2 a follower that hears nothing for an election timeout starts an election', async (t) => {
  for (const role of [Role.Follower, Role.Candidate] as const) {
    const r = node('n1', { term: 1 });
    if (role === Role.Candidate) r.becomeCandidate();
    const termBefore = r.term;
    sentOf(r);
    for (let i = 0; i < 2 * paper.electionTicks; i++) r.tick();
    t.equal(r.role, Role.Candidate, `${role}: is a candidate`);
    t.ok(r.term > termBefore, `${role}: incremented its term`);
    t.equal(r.status().vote, 'n1', `${role}: voted for itself`);
    const votes = sentOf(r, MessageType.Vote);
    t.same([...new Set(votes.map((m) => m.to))].sort(), ['n2', 'n3'], `${role}: asked every other server for its vote`);
  }
});

t.test('§5.2 a candidate wins with votes from a majority, and only then', async (t) => {
  const cases: Array<{ size: number; granted: string[]; rejected: string[]; role: Role }> = [
    { size: 1, granted: [], rejected: [], role: Role.Leader },
    { size: 3, granted: ['n2'], rejected: [], role: Role.Leader },
    { size: 3, granted: ['n2', 'n3'], rejected: [], role: Role.Leader },
    { size: 5, granted: ['n2', 'n3'], rejected: [], role: Role.Leader },
    { size: 3, granted: [], rejected: [], role: Role.Candidate },
    { size: 5, granted: ['n2'], rejected: [], role: Role.Candidate },
    { size: 5, granted: ['n2'], rejected: ['n3'], role: Role.Candidate },
    { size: 3, granted: [], rejected: ['n2', 'n3'], role: Role.Follower },
    { size: 5, granted: ['n2'], rejected: ['n3', 'n4', 'n5'], role: Role.Follower },
  ];
  for (const c of cases) {
    const voters = Array.from({ length: c.size }, (_, k) => `n${k + 1}`);
    const r = newCore('n1', voters, paper);
    r.campaign();
    for (const id of c.granted) r.step(msg({ type: MessageType.VoteResponse, from: id, to: 'n1', term: r.term }));
    for (const id of c.rejected) r.step(msg({ type: MessageType.VoteResponse, from: id, to: 'n1', term: r.term, reject: true }));
    t.equal(r.role, c.role, `${c.size} voters, granted by ${c.granted.join(',') || 'none'}, rejected by ${c.rejected.join(',') || 'none'}`);
  }
});

t.test('§5.2 each server votes for at most one candidate in a term, first come first served', async (t) => {
  const cases: Array<{ vote: NodeId; from: NodeId; granted: boolean }> = [
    { vote: '', from: 'n2', granted: true },
    { vote: '', from: 'n3', granted: true },
    { vote: 'n2', from: 'n2', granted: true },
    { vote: 'n3', from: 'n3', granted: true },
    { vote: 'n2', from: 'n3', granted: false },
    { vote: 'n3', from: 'n2', granted: false },
  ];
  for (const c of cases) {
    const r = node('n1', { term: 1, vote: c.vote });
    r.step(msg({ type: MessageType.Vote, from: c.from, to: 'n1', term: 1 }));
    const [resp] = sentOf(r, MessageType.VoteResponse);
    t.equal(resp?.reject, !c.granted, `voted for '${c.vote}', asked by ${c.from}`);
  }
});

t.test('§5.2 a candidate that hears from a leader of at least its term becomes its follower', async (t) => {
  for (const leaderTerm of [1, 2]) {
    const r = node('n1', { term: 0 });
    r.campaign();
    t.equal(r.term, 1);
    r.step(msg({ type: MessageType.Append, from: 'n2', to: 'n1', term: leaderTerm }));
    t.equal(r.role, Role.Follower, `leader of term ${leaderTerm}`);
    t.equal(r.term, leaderTerm);
    t.equal(r.leader, 'n2');
  }
});

t.test('§5.2 election timeouts are randomized over [electionTicks, 2·electionTicks)', async (t) => {
  const seen = new Set<number>();
  for (let k = 0; k < 200; k++) {
    const r = newCore('n1', ids3, { ...paper, random: { int: (n) => k % n } });
    r.becomeFollower(r.term + 1, '');
    let ticks = 0;
    while (r.role === Role.Follower && ticks < 100) {
      r.tick();
      ticks++;
    }
    t.ok(ticks >= paper.electionTicks && ticks < 2 * paper.electionTicks, `timeout ${ticks} in range`);
    seen.add(ticks);
  }
  t.equal(seen.size, paper.electionTicks, 'every timeout in the range occurs');
});

t.test('§5.2 in most elections only one server times out first (split votes are rare)', async (t) => {
  let conflicts = 0;
  const rounds = 300;
  for (let k = 0; k < rounds; k++) {
    const voters = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const rs = voters.map((id, n) => newCore(id, voters, { ...paper, random: mulberry(k * 7 + n) }));
    let timedOut = 0;
    for (let tick = 0; tick < 2 * paper.electionTicks && timedOut === 0; tick++) {
      for (const r of rs) r.tick();
      timedOut = rs.filter((r) => r.role !== Role.Follower).length;
    }
    if (timedOut > 1) conflicts++;
  }
  t.ok(conflicts / rounds <= 0.3, `simultaneous timeouts in ${conflicts} of ${rounds} rounds`);
});

function mulberry(seed: number) {
  let a = seed >>> 0;
  return {
    int(n: number) {
      a = (a + 0x6d2b79f5) >>> 0;
      let x = Math.imul(a ^ (a >>> 15), a | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n);
    },
  };
}

t.test('§5.3 the leader appends a command to its log, then issues AppendEntries to every follower in parallel', async (t) => {
  const r = leaderOf('n1', { term: 1 });
  // Followers are caught up past the no-op, so the new entry goes out alone.
  const noop = r.lastIndex;
  drain(r);
  for (const id of ['n2', 'n3']) r.step(msg({ type: MessageType.AppendResponse, from: id, to: 'n1', term: r.term, index: noop }));
  drain(r);
  r.propose([enc('cmd')]);
  t.equal(r.lastIndex, noop + 1, 'appended locally');
  const apps = sentOf(r, MessageType.Append);
  t.same(apps.map((m) => m.to).sort(), ['n2', 'n3']);
  for (const m of apps) {
    t.equal(m.index, noop, 'prev index');
    t.equal(m.logTerm, r.term, 'prev term');
    t.same(m.entries.map((e) => e.index), [noop + 1]);
  }
});

t.test('§5.3 an entry is committed once a majority holds it; the leader applies it, followers learn of it', async (t) => {
  const c = new Cluster(['n1', 'n2', 'n3', 'n4', 'n5'], paper);
  const leader = c.elect();
  const others = c.ids.filter((id) => id !== leader.id);
  // Only two followers can hear the leader: with the leader that is 3 of 5.
  for (const id of others.slice(2)) c.isolate(id);
  const { lastIndex } = leader.propose([enc('x')]);
  c.settle();
  t.equal(leader.commitIndex, lastIndex, 'committed with 3 of 5');
  t.ok(c.applied.get(leader.id)!.some((e) => e.index === lastIndex), 'leader applied it');
  c.tick(1);
  for (const id of others.slice(0, 2)) t.equal(c.core(id).commitIndex, lastIndex, `${id} learned the commit index`);
});

t.test('§5.3 commitment needs a majority of acknowledgements, counting the leader itself', async (t) => {
  const cases: Array<{ size: number; acks: string[]; committed: boolean }> = [
    { size: 1, acks: [], committed: true },
    { size: 3, acks: [], committed: false },
    { size: 3, acks: ['n2'], committed: true },
    { size: 5, acks: ['n2'], committed: false },
    { size: 5, acks: ['n2', 'n3'], committed: true },
    { size: 7, acks: ['n2', 'n3'], committed: false },
    { size: 7, acks: ['n2', 'n3', 'n4'], committed: true },
  ];
  for (const c of cases) {
    const voters = Array.from({ length: c.size }, (_, k) => `n${k + 1}`);
    const r = newCore('n1', voters, paper);
    r.campaign();
    for (const v of voters.slice(1)) r.step(msg({ type: MessageType.VoteResponse, from: v, to: 'n1', term: r.term }));
    drain(r);
    const { lastIndex } = r.propose([enc('x')]);
    drain(r);
    for (const a of c.acks) r.step(msg({ type: MessageType.AppendResponse, from: a, to: 'n1', term: r.term, index: lastIndex }));
    t.equal(r.commitIndex >= lastIndex, c.committed, `${c.size} voters, acks from ${c.acks.join(',') || 'nobody'}`);
  }
});

t.test('§5.3 committing an entry commits every preceding entry, including those of earlier leaders', async (t) => {
  const old = [ent(1, 1, 'a'), ent(2, 2, 'b')];
  const r = leaderOf('n1', { term: 2, entries: old });
  drain(r);
  const { lastIndex } = r.propose([enc('c')]);
  drain(r);
  r.step(msg({ type: MessageType.AppendResponse, from: 'n2', to: 'n1', term: r.term, index: lastIndex }));
  const applied: Entry[] = [];
  drain(r, undefined, applied);
  t.equal(r.commitIndex, lastIndex);
  t.same(applied.map((e) => e.index), [1, 2, 3, 4], 'old entries, the no-op and the new one applied in order');
});

t.test('§5.3 a follower applies an entry once it learns the entry is committed', async (t) => {
  const r = node('n2', { term: 1 });
  r.step(msg({ type: MessageType.Append, from: 'n1', to: 'n2', term: 1, index: 0, logTerm: 0, entries: [ent(1, 1, 'a'), ent(2, 1, 'b')], commit: 1 }));
  const applied: Entry[] = [];
  drain(r, undefined, applied);
  t.same(applied.map((e) => e.index), [1], 'applies only what the leader says is committed');
  r.step(msg({ type: MessageType.Append, from: 'n1', to: 'n2', term: 1, index: 2, logTerm: 1, commit: 2 }));
  drain(r, undefined, applied);
  t.same(applied.map((e) => e.index), [1, 2]);
});

t.test('§5.3 a follower refuses AppendEntries without an entry matching the previous index and term', async (t) => {
  const cases = [
    { index: 0, logTerm: 0, reject: false },
    { index: 1, logTerm: 1, reject: false },
    { index: 2, logTerm: 2, reject: false },
    { index: 2, logTerm: 1, reject: true }, // term mismatch
    { index: 3, logTerm: 3, reject: true }, // beyond our log
  ];
  for (const c of cases) {
    const r = node('n2', { term: 2, entries: [ent(1, 1), ent(2, 2)], commit: 0 });
    r.step(msg({ type: MessageType.Append, from: 'n1', to: 'n2', term: 2, index: c.index, logTerm: c.logTerm }));
    const [resp] = sentOf(r, MessageType.AppendResponse);
    t.equal(resp?.reject, c.reject, `prev ${c.index}/${c.logTerm}`);
    if (c.reject) t.ok(resp!.rejectHint <= 2, 'hint points at or before our last index');
  }
});

t.test('§5.3 a conflicting suffix is deleted and the leader\'s entries appended', async (t) => {
  const cases: Array<{ index: number; logTerm: number; ents: Entry[]; want: Array<[number, number]> }> = [
    { index: 2, logTerm: 2, ents: [ent(3, 3)], want: [[1, 1], [2, 2], [3, 3]] },
    { index: 1, logTerm: 1, ents: [ent(2, 3), ent(3, 4)], want: [[1, 1], [2, 3], [3, 4]] },
    { index: 0, logTerm: 0, ents: [ent(1, 1)], want: [[1, 1], [2, 2]] },
    { index: 0, logTerm: 0, ents: [ent(1, 3)], want: [[1, 3]] },
  ];
  for (const c of cases) {
    const r = node('n2', { term: 2, entries: [ent(1, 1), ent(2, 2)] });
    r.step(msg({ type: MessageType.Append, from: 'n1', to: 'n2', term: 4, index: c.index, logTerm: c.logTerm, entries: c.ents }));
    const disk: Disk = { hardState: { term: 2, vote: '', commit: 0 }, entries: [ent(1, 1), ent(2, 2)] };
    drain(r, disk);
    t.same(r.entries(1, 100).map((e) => [e.index, e.term]), c.want, `in memory, append after ${c.index}/${c.logTerm}`);
    t.same(disk.entries.map((e) => [e.index, e.term]), c.want, 'and on disk');
  }
});

t.test('§5.3 the leader brings every follower log into agreement with its own (Figure 7)', async (t) => {
  const terms = (...ts: number[]) => ts.map((term, k) => ent(k + 1, term, `${k + 1}@${term}`));
  const leaderLog = terms(1, 1, 1, 4, 4, 5, 5, 6, 6, 6);
  const followers: Record<string, Entry[]> = {
    a: terms(1, 1, 1, 4, 4, 5, 5, 6, 6),
    b: terms(1, 1, 1, 4),
    c: terms(1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6),
    d: terms(1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7),
    e: terms(1, 1, 1, 4, 4, 4, 4),
    f: terms(1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3),
  };
  for (const [name, log] of Object.entries(followers)) {
    const c = new Cluster(['n1', 'n2', 'n3'], paper);
    // Term 8: the leader has leaderLog; n2 has the follower's log; n3 agrees with the leader (it voted).
    for (const [id, entries] of [['n1', leaderLog], ['n2', log], ['n3', leaderLog]] as const) {
      c.disks.set(id, { hardState: { term: 8, vote: '', commit: 0 }, entries: [...entries] });
      c.start(id);
    }
    const leader = c.core('n1');
    leader.campaign();
    c.settle();
    t.equal(leader.role, Role.Leader, `${name}: n1 leads`);
    leader.propose([enc('new')]);
    c.settle();
    c.tick(3);
    const want = leader.entries(1, 100).map((e) => [e.index, e.term]);
    t.same(c.core('n2').entries(1, 100).map((e) => [e.index, e.term]), want, `follower (${name}) log now equals the leader's`);
  }
});

t.test('§5.4.1 a vote request carries the candidate\'s last log index and term', async (t) => {
  const r = node('n1', { term: 3, entries: [ent(1, 1), ent(2, 3)] });
  r.campaign();
  const reqs = sentOf(r, MessageType.Vote);
  t.equal(reqs.length, 2);
  for (const m of reqs) {
    t.equal(m.index, 2);
    t.equal(m.logTerm, 3);
    t.equal(m.term, 4);
  }
});

t.test('§5.4.1 a voter denies its vote to a candidate whose log is less up to date than its own', async (t) => {
  const cases = [
    // [voter log terms], candidate last term, candidate last index, granted
    { log: [1, 1], lastTerm: 1, lastIndex: 2, granted: true },
    { log: [1, 1], lastTerm: 1, lastIndex: 3, granted: true },
    { log: [1, 1], lastTerm: 1, lastIndex: 1, granted: false },
    { log: [1, 2], lastTerm: 1, lastIndex: 3, granted: false },
    { log: [1, 2], lastTerm: 2, lastIndex: 2, granted: true },
    { log: [1, 2], lastTerm: 3, lastIndex: 1, granted: true },
    { log: [2, 2], lastTerm: 1, lastIndex: 5, granted: false },
  ];
  for (const c of cases) {
    const r = node('n1', { term: 3, entries: c.log.map((term, k) => ent(k + 1, term)) });
    r.step(msg({ type: MessageType.Vote, from: 'n2', to: 'n1', term: 4, logTerm: c.lastTerm, index: c.lastIndex }));
    const [resp] = sentOf(r, MessageType.VoteResponse);
    t.equal(resp?.reject, !c.granted, `voter log ${c.log}, candidate ${c.lastIndex}@${c.lastTerm}`);
  }
});

t.test('§5.4.2 a leader commits by counting replicas only entries of its current term (Figure 8)', async (t) => {
  // The leader of term 3 holds entries of terms 1 and 2 that no one else has fully replicated.
  const r = leaderOf('n1', { term: 2, entries: [ent(1, 1), ent(2, 2)] });
  t.equal(r.term, 3);
  drain(r);
  // A majority holds index 2 (of term 2): not enough to commit it.
  r.step(msg({ type: MessageType.AppendResponse, from: 'n2', to: 'n1', term: 3, index: 2 }));
  t.equal(r.commitIndex, 0, 'an old-term entry on a majority is not committed');
  // Once this term's no-op (index 3) is on a majority, it and everything before it commit.
  r.step(msg({ type: MessageType.AppendResponse, from: 'n2', to: 'n1', term: 3, index: 3 }));
  t.equal(r.commitIndex, 3);
});

t.test('persistence: a vote is durable before the vote response leaves', async (t) => {
  const r = node('n1', { term: 1 });
  r.step(msg({ type: MessageType.Vote, from: 'n2', to: 'n1', term: 2 }));
  const rd = r.ready();
  t.equal(rd.hardState?.vote, 'n2', 'the Ready persists the vote');
  t.equal(rd.hardState?.term, 2);
  t.same(rd.messagesBeforePersist, [], 'nothing may leave before persistence');
  t.same(rd.messages.map((m) => m.type), [MessageType.VoteResponse], 'the response waits for the write');
  r.advance(rd);
});

t.test('persistence: a follower acknowledges entries only after they are durable', async (t) => {
  const r = node('n2', { term: 1 });
  r.step(msg({ type: MessageType.Append, from: 'n1', to: 'n2', term: 1, entries: [ent(1, 1, 'a')] }));
  const rd = r.ready();
  t.same(rd.entries.map((e) => e.index), [1]);
  t.same(rd.messagesBeforePersist, []);
  t.same(rd.messages.map((m) => [m.type, m.index]), [[MessageType.AppendResponse, 1]]);
  r.advance(rd);
});

t.test('persistence: the leader replicates before its own write is durable, but counts itself only after it', async (t) => {
  const r = leaderOf('n1', { term: 1 });
  drain(r);
  // Followers in the replicate state (they acknowledged the no-op), so appends stream.
  for (const id of ['n2', 'n3']) r.step(msg({ type: MessageType.AppendResponse, from: id, to: 'n1', term: r.term, index: r.lastIndex }));
  drain(r);
  const { lastIndex } = r.propose([enc('x')]);
  const rd = r.ready();
  t.ok(rd.messagesBeforePersist.some((m) => m.type === MessageType.Append), 'appends may leave before the leader persists');
  // One follower acknowledges while the leader's own write is still in flight: 1 of 3 durable.
  r.step(msg({ type: MessageType.AppendResponse, from: 'n2', to: 'n1', term: r.term, index: lastIndex }));
  t.ok(r.commitIndex < lastIndex, 'not committed before the leader\'s own write completes');
  r.advance(rd);
  t.equal(r.commitIndex, lastIndex, 'committed once the leader\'s write is durable');
});

t.test('persistence: an acknowledgement queued in an old term is never sent after a newer leader truncated those entries', async (t) => {
  // Found by the simulator (seed 95, 5 nodes): a follower queued an ack while a write was in flight, a
  // leader of a newer term truncated the acknowledged entries, and the ack left after that truncation
  // was durable.
  const r = node('n2', { term: 3 });
  r.step(msg({ type: MessageType.Append, from: 'n1', to: 'n2', term: 3, index: 0, logTerm: 0, entries: [ent(1, 3), ent(2, 3)] }));
  const inFlight = r.ready(); // the write of entries 1–2 is in flight
  r.step(msg({ type: MessageType.Append, from: 'n1', to: 'n2', term: 3, index: 2, logTerm: 3, entries: [ent(3, 3), ent(4, 3)] }));
  // A leader of term 4 whose log diverges after index 2 truncates entries 3–4.
  r.step(msg({ type: MessageType.Append, from: 'n3', to: 'n2', term: 4, index: 2, logTerm: 3, entries: [ent(3, 4)] }));
  r.advance(inFlight);
  const next = r.ready();
  t.same(next.entries.map((e) => [e.index, e.term]), [[3, 4]], 'the next write persists the truncation');
  const stale = [...next.messagesBeforePersist, ...next.messages].filter((m) => m.to === 'n1' && m.type === MessageType.AppendResponse && m.index >= 3);
  t.same(stale, [], 'the term-3 acknowledgement of entries 3–4 is not sent');
  t.ok(next.messages.some((m) => m.to === 'n3' && m.type === MessageType.AppendResponse && m.index === 3 && m.term === 4), 'the new leader is acknowledged');
  r.advance(next);
});
