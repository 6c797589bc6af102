import t from 'tap';
import { Registry } from 'prom-client';
import { PrometheusMetrics } from '../src/prometheus-metrics.js';
import { parseExposition, sampleValue } from '../src/exposition-parser.js';

const scrape = async (m: PrometheusMetrics) => parseExposition(await m.registry.metrics());

t.test('every metric of the issue is exposed under its etcd-style name and type', async (t) => {
  const m = new PrometheusMetrics();
  m.peerRoundTrip('n2', 0.0002);
  m.followerLag('n2', 3);
  m.frameSent('n2', 4, 1000);
  m.frameReceived('n2', 1, 50);
  m.sendFailed('n2', 'peerUnavailable', 2);
  m.receiveDropped(undefined, 'badEnvelope');
  m.roleChanged('leader', 'n1', 1);
  const families = await scrape(m);
  const expected: Record<string, string> = {
    raftbus_has_leader: 'gauge',
    raftbus_is_leader: 'gauge',
    raftbus_leader_changes_seen_total: 'counter',
    raftbus_term: 'gauge',
    raftbus_commit_index: 'gauge',
    raftbus_applied_index: 'gauge',
    raftbus_proposals_committed_total: 'counter',
    raftbus_proposals_applied_total: 'counter',
    raftbus_proposals_pending: 'gauge',
    raftbus_proposals_failed_total: 'counter',
    raftbus_commit_duration_seconds: 'histogram',
    raftbus_apply_duration_seconds: 'histogram',
    raftbus_log_fsync_duration_seconds: 'histogram',
    raftbus_peer_round_trip_time_seconds: 'histogram',
    raftbus_peer_sent_bytes_total: 'counter',
    raftbus_peer_received_bytes_total: 'counter',
    raftbus_peer_send_failures_total: 'counter',
    raftbus_follower_lag_entries: 'gauge',
    raftbus_log_size_bytes: 'gauge',
    raftbus_snapshots_total: 'counter',
    raftbus_frames_dropped_total: 'counter',
  };
  for (const [name, type] of Object.entries(expected)) t.equal(families.get(name)?.type, type, `${name} is a ${type}`);
  t.equal(sampleValue(families, 'raftbus_peer_sent_bytes_total', { peer: 'n2' }), 1000);
  t.equal(sampleValue(families, 'raftbus_peer_received_bytes_total', { peer: 'n2' }), 50);
  t.equal(sampleValue(families, 'raftbus_peer_send_failures_total', { peer: 'n2', reason: 'peerUnavailable' }), 2);
  t.equal(sampleValue(families, 'raftbus_frames_dropped_total', { reason: 'badEnvelope' }), 1);
  t.equal(sampleValue(families, 'raftbus_peer_round_trip_time_seconds_count', { peer: 'n2' }), 1);
  t.equal(sampleValue(families, 'raftbus_peer_round_trip_time_seconds_bucket', { peer: 'n2', le: '0.0002' }), 1, 'RTT buckets start at 0.1 ms');
  t.equal(sampleValue(families, 'raftbus_peer_round_trip_time_seconds_bucket', { peer: 'n2', le: '0.0001' }), 0);
  t.equal(sampleValue(families, 'raftbus_follower_lag_entries', { peer: 'n2' }), 3);
});

t.test('commit counter counts commit index advances from the first report; applied counts batches', async (t) => {
  const m = new PrometheusMetrics();
  m.indexes(120, 118, 3); // a restart: the history before it is not "committed since start"
  m.indexes(125, 125, 3);
  m.indexes(125, 125, 3);
  m.applied(7, 0.001);
  const f = await scrape(m);
  t.equal(sampleValue(f, 'raftbus_proposals_committed_total'), 5);
  t.equal(sampleValue(f, 'raftbus_proposals_applied_total'), 7);
  t.equal(sampleValue(f, 'raftbus_commit_index'), 125);
  t.equal(sampleValue(f, 'raftbus_applied_index'), 125);
  t.equal(sampleValue(f, 'raftbus_term'), 3);
});

t.test('leader changes count each new leader seen; losing leadership clears follower lag', async (t) => {
  const m = new PrometheusMetrics();
  m.roleChanged('follower', '', 1);
  m.roleChanged('follower', 'n2', 1);
  m.roleChanged('candidate', '', 2);
  m.roleChanged('leader', 'n1', 2);
  m.followerLag('n2', 0);
  m.followerLag('n3', 9);
  let f = await scrape(m);
  t.equal(sampleValue(f, 'raftbus_leader_changes_seen_total'), 2);
  t.equal(sampleValue(f, 'raftbus_is_leader'), 1);
  t.equal(sampleValue(f, 'raftbus_has_leader'), 1);
  t.equal(sampleValue(f, 'raftbus_follower_lag_entries', { peer: 'n3' }), 9);
  m.roleChanged('follower', 'n3', 3);
  f = await scrape(m);
  t.equal(sampleValue(f, 'raftbus_leader_changes_seen_total'), 3);
  t.equal(sampleValue(f, 'raftbus_is_leader'), 0);
  t.equal(f.get('raftbus_follower_lag_entries')?.samples.length, 0, 'no stale lag after stepping down');
  m.followerLag('n3', 1); // the cached child still works after the reset
  t.equal(sampleValue(await scrape(m), 'raftbus_follower_lag_entries', { peer: 'n3' }), 1);
});

t.test('failures by reason, snapshots, log writes and the log size read at scrape time', async (t) => {
  let size = 4096;
  const m = new PrometheusMetrics({ logSizeBytes: async () => size });
  m.proposalFailed('timeout');
  m.proposalFailed('timeout');
  m.proposalFailed('superseded');
  m.snapshotTaken();
  m.snapshotInstalled();
  m.logWrite(0.0003, 16, 2048);
  m.proposalCommitted(0.0005);
  let f = await scrape(m);
  t.equal(sampleValue(f, 'raftbus_proposals_failed_total', { reason: 'timeout' }), 2);
  t.equal(sampleValue(f, 'raftbus_proposals_failed_total', { reason: 'superseded' }), 1);
  t.equal(sampleValue(f, 'raftbus_snapshots_total'), 1);
  t.equal(sampleValue(f, 'raftbus_snapshots_installed_total'), 1);
  t.equal(sampleValue(f, 'raftbus_log_fsync_duration_seconds_count'), 1);
  t.equal(sampleValue(f, 'raftbus_log_written_bytes_total'), 2048);
  t.equal(sampleValue(f, 'raftbus_commit_duration_seconds_sum'), 0.0005);
  t.equal(sampleValue(f, 'raftbus_log_size_bytes'), 4096);
  size = 8192;
  f = await scrape(m);
  t.equal(sampleValue(f, 'raftbus_log_size_bytes'), 8192);
});

t.test('a given registry is used (no global registration) and two sinks need two registries', async (t) => {
  const registry = new Registry();
  const m = new PrometheusMetrics({ registry });
  t.equal(m.registry, registry);
  t.match(await registry.metrics(), /raftbus_term/);
  t.throws(() => new PrometheusMetrics({ registry }), /already been registered/);
  const other = new PrometheusMetrics({ registry, prefix: 'other' });
  t.match(await other.registry.metrics(), /other_term/);
});

t.test('known reasons are exported at 0 before anything failed, so rates read 0 rather than no data', async (t) => {
  const f = await scrape(new PrometheusMetrics());
  t.same(f.get('raftbus_proposals_failed_total')!.samples.map((s) => [s.labels['reason'], s.value]).sort(), [['dropped', 0], ['outcome_unknown', 0], ['overloaded', 0], ['stopped', 0], ['superseded', 0], ['timeout', 0]]);
  const drops = f.get('raftbus_frames_dropped_total')!.samples;
  t.equal(drops.length, 10);
  t.ok(drops.every((s) => s.value === 0));
});
