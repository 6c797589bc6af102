// /metrics on real `raftbus start` processes (ZeroMQ, RocksDB), launched by `raftbus up`: the numbers
// move as the cluster does, and every scrape parses with the strict exposition parser.
import t from 'tap';
import { findLeader, json, up } from './helpers/up.js';
import { eventually, metricValue, scrape } from './helpers/metrics.js';
import { freeBasePort } from './helpers/ports.js';

const COMMANDS = 25;

t.test('metrics of a live 3-node cluster: committed count, RTT, defaults; a leader kill is seen', async (t) => {
  const basePort = await freeBasePort(3);
  const cluster = await up({ app: 'counter', basePort });
  t.teardown(() => cluster.stop());
  t.ok(cluster.output().includes(`dashboard: http://127.0.0.1:${basePort + 101}/`), 'raftbus up prints the dashboard URL');
  const leader = await findLeader(cluster.urls);

  // Every node's exposition parses strictly and carries raftbus's and the process's metrics.
  for (const url of cluster.urls) {
    const families = await scrape(url);
    for (const name of ['raftbus_term', 'raftbus_has_leader', 'raftbus_log_fsync_duration_seconds', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds', 'process_cpu_seconds_total']) {
      t.ok(families.has(name), `${url}: ${name}`);
    }
  }

  // The election's entries are committed everywhere before the baseline is read.
  await eventually('every node agrees on the commit index', async () => {
    const commits = await Promise.all(cluster.urls.map(async (u) => (await json(`${u}/v1/status`)).body.commit as number));
    return commits.every((c) => c === commits[0]);
  });
  const before = await Promise.all(cluster.urls.map((u) => metricValue(u, 'raftbus_proposals_committed_total')));
  const latencyBefore = await metricValue(leader.url, 'raftbus_commit_duration_seconds_count');
  for (let k = 0; k < COMMANDS; k++) {
    const r = await json(`${leader.url}/v1/counters/hits/add`, 'POST', { delta: 1 });
    t.equal(r.status, 200, `command ${k + 1}`);
  }
  t.equal((await metricValue(leader.url, 'raftbus_proposals_committed_total')) - before[cluster.urls.indexOf(leader.url)]!, COMMANDS, `leader: committed_total rose by ${COMMANDS}`);
  t.equal((await metricValue(leader.url, 'raftbus_commit_duration_seconds_count')) - latencyBefore, COMMANDS, 'one commit latency sample per command');
  for (const [k, url] of cluster.urls.entries()) {
    if (url === leader.url) continue;
    await eventually(`${url} sees the commits`, async () => (await metricValue(url, 'raftbus_proposals_committed_total')) - before[k]! >= COMMANDS);
    t.equal((await metricValue(url, 'raftbus_proposals_committed_total')) - before[k]!, COMMANDS, `${url}: committed_total rose by ${COMMANDS}`);
  }

  const families = await scrape(leader.url);
  const rtt = families.get('raftbus_peer_round_trip_time_seconds')!.samples.filter((s) => s.name.endsWith('_count'));
  t.equal(rtt.length, 2, 'the leader measures RTT to both followers');
  t.ok(rtt.every((s) => s.value > 0), `RTT samples: ${rtt.map((s) => `${s.labels['peer']}=${s.value}`).join(' ')}`);
  t.equal(families.get('raftbus_follower_lag_entries')!.samples.length, 2, 'follower lag per follower');
  t.ok((await metricValue(leader.url, 'raftbus_log_size_bytes')) > 0, 'log size from the data directory');
  t.ok((await metricValue(leader.url, 'raftbus_peer_sent_bytes_total', { peer: leader.id === 'n1' ? 'n2' : 'n1' })) > 0, 'peer bytes from the transport');

  // Kill the leader: the survivors see a new one.
  const survivors = cluster.urls.filter((u) => u !== leader.url);
  const changesBefore = await Promise.all(survivors.map((u) => metricValue(u, 'raftbus_leader_changes_seen_total')));
  process.kill(leader.pid, 'SIGKILL');
  const fresh = await findLeader(survivors);
  t.not(fresh.id, leader.id, `new leader ${fresh.id}`);
  for (const [k, url] of survivors.entries()) {
    await eventually(`${url} counts the leader change`, async () => (await metricValue(url, 'raftbus_leader_changes_seen_total')) > changesBefore[k]!);
    t.pass(`${url}: raftbus_leader_changes_seen_total ${changesBefore[k]} → ${await metricValue(url, 'raftbus_leader_changes_seen_total')}`);
  }
  t.equal(await metricValue(fresh.url, 'raftbus_is_leader'), 1);
  const method = await fetch(`${fresh.url}/metrics`, { method: 'POST' });
  t.equal(method.status, 405, 'POST /metrics is refused');
});
