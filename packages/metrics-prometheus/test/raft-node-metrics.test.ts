// Whole RaftNodes in one process (memory network and stores), each reporting to its own sink: the
// metrics must move the way the cluster does.
import t from 'tap';
import { MemoryLogStore, MemoryNetwork, MemoryTransport, RaftNode, type NodeId } from '@raftbus/core';
import { counter, type AddCommand, type GetQuery } from '@raftbus/example-counter';
import { PrometheusMetrics } from '../src/prometheus-metrics.js';
import { parseExposition, sampleValue } from '../src/exposition-parser.js';

type Node = RaftNode<AddCommand, number, GetQuery, number>;
const WAIT_MS_MAX = 5000;

async function startCluster(ids: NodeId[], extra: { proposalTimeoutMs?: number } = {}) {
  const network = new MemoryNetwork();
  const nodes = new Map<NodeId, Node>();
  const metrics = new Map<NodeId, PrometheusMetrics>();
  for (const id of ids) {
    const m = new PrometheusMetrics();
    const node = new RaftNode({ id, peers: ids, logStore: new MemoryLogStore(), transport: new MemoryTransport(network), stateMachine: counter, metrics: m, tickMs: 5, electionTicks: 10, snapshotEntries: 50, ...extra });
    await node.start();
    nodes.set(id, node);
    metrics.set(id, m);
  }
  return { nodes, metrics, stop: () => Promise.all([...nodes.values()].map((n) => n.stop())) };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS_MAX;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const leaderOf = (nodes: Map<NodeId, Node>) => until('a leader', () => [...nodes.values()].find((n) => n.isLeader && n.status().commit > 0));
const value = async (m: PrometheusMetrics, name: string, labels: Record<string, string> = {}) => sampleValue(parseExposition(await m.registry.metrics()), name, labels) ?? 0;

t.test('N commands on the leader raise proposals_committed_total by N everywhere; latency and fsync are observed', async (t) => {
  const c = await startCluster(['n1', 'n2', 'n3']);
  t.teardown(c.stop);
  const leader = await leaderOf(c.nodes);
  const lm = c.metrics.get(leader.id)!;
  // Let every node see the election's no-op commit before taking the baseline.
  await until('followers caught up', () => [...c.nodes.values()].every((n) => n.status().commit === leader.status().commit));
  const before = new Map(await Promise.all([...c.metrics].map(async ([id, m]) => [id, await value(m, 'raftbus_proposals_committed_total')] as const)));
  const commitsBefore = await value(lm, 'raftbus_commit_duration_seconds_count');
  const N = 40;
  for (let k = 0; k < N; k++) await leader.propose({ name: 'x', delta: 1 });
  t.equal((await value(lm, 'raftbus_proposals_committed_total')) - before.get(leader.id)!, N, `leader: +${N}`);
  for (const [id, m] of c.metrics) {
    if (id === leader.id) continue;
    await until(`${id} saw the commits`, async () => (await value(m, 'raftbus_proposals_committed_total')) - before.get(id)! >= N);
    t.equal((await value(m, 'raftbus_proposals_committed_total')) - before.get(id)!, N, `${id}: +${N}`);
  }
  t.equal((await value(lm, 'raftbus_commit_duration_seconds_count')) - commitsBefore, N, 'one latency sample per command');
  t.ok((await value(lm, 'raftbus_log_fsync_duration_seconds_count')) > 0, 'log writes observed');
  t.equal(await value(lm, 'raftbus_is_leader'), 1);
  t.equal(await value(lm, 'raftbus_commit_index'), leader.status().commit);
  t.equal(await value(lm, 'raftbus_proposals_pending'), 0);
});

t.test('the leader measures heartbeat round trips and follower lag per peer; snapshots are counted', async (t) => {
  const c = await startCluster(['n1', 'n2', 'n3']);
  t.teardown(c.stop);
  const leader = await leaderOf(c.nodes);
  const lm = c.metrics.get(leader.id)!;
  // snapshotEntries 50, each node's schedule shifted by its rank (up to 2/3 of 50): due by index 84.
  for (let k = 0; k < 100; k++) await leader.propose({ name: 'y', delta: 1 });
  for (const peer of ['n1', 'n2', 'n3'].filter((id) => id !== leader.id)) {
    await until(`RTT samples for ${peer}`, async () => (await value(lm, 'raftbus_peer_round_trip_time_seconds_count', { peer })) >= 3);
    const count = await value(lm, 'raftbus_peer_round_trip_time_seconds_count', { peer });
    const mean = (await value(lm, 'raftbus_peer_round_trip_time_seconds_sum', { peer })) / count;
    t.ok(mean > 0 && mean < 0.05, `${peer}: ${count} RTT samples, mean ${(mean * 1000).toFixed(3)} ms (memory network)`);
    await until(`${peer} lag 0`, async () => (await value(lm, 'raftbus_follower_lag_entries', { peer })) === 0 || undefined);
    t.pass(`${peer}: follower lag reported and back to 0`);
  }
  // Written in the background: counted once durable.
  await until('a snapshot counted', async () => (await value(lm, 'raftbus_snapshots_total')) >= 1 || undefined);
  t.ok((await value(lm, 'raftbus_snapshots_total')) >= 1, 'snapshotEntries=50: a snapshot after 100 commands');
  const follower = [...c.metrics].find(([id]) => id !== leader.id)![1];
  t.equal(parseExposition(await follower.registry.metrics()).get('raftbus_peer_round_trip_time_seconds')!.samples.length, 0, 'followers measure no RTT');
});

t.test('a stopped leader raises leader_changes_seen_total on the survivors; a proposal without a quorum fails and is counted by reason', async (t) => {
  const c = await startCluster(['n1', 'n2', 'n3'], { proposalTimeoutMs: 200 });
  t.teardown(c.stop);
  const old = await leaderOf(c.nodes);
  const survivors = [...c.nodes.keys()].filter((id) => id !== old.id);
  const before = new Map(await Promise.all(survivors.map(async (id) => [id, await value(c.metrics.get(id)!, 'raftbus_leader_changes_seen_total')] as const)));
  await old.stop();
  c.nodes.delete(old.id);
  const fresh = await leaderOf(c.nodes);
  t.not(fresh.id, old.id);
  for (const id of survivors) {
    await until(`${id} saw the new leader`, () => c.nodes.get(id)!.leader === fresh.id);
    t.ok((await value(c.metrics.get(id)!, 'raftbus_leader_changes_seen_total')) > before.get(id)!, `${id}: leader changes rose`);
    t.equal(await value(c.metrics.get(id)!, 'raftbus_has_leader'), 1);
  }
  // Stop the second node too: the last one has no quorum, so its proposal times out.
  const lonely = survivors.find((id) => id !== fresh.id)!;
  await fresh.stop();
  c.nodes.delete(fresh.id);
  await t.rejects(c.nodes.get(lonely)!.propose({ name: 'z', delta: 1 }));
  const failed = parseExposition(await c.metrics.get(lonely)!.registry.metrics()).get('raftbus_proposals_failed_total')!;
  t.ok(failed.samples.some((s) => s.value >= 1 && ['timeout', 'outcome_unknown'].includes(s.labels['reason']!)), `failed by reason: ${failed.samples.map((s) => `${s.labels['reason']}=${s.value}`).join(' ')}`);
});
