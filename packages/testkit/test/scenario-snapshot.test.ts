// MIT 6.824 Lab 2D / 6.5840 Lab 3D (snapshots), and ReadIndex reads, in ticks.
import t, { type Test } from 'tap';
import { Cluster } from '../src/sim/cluster.js';
import { UNRELIABLE_LINK } from '../src/sim/network.js';

const SNAPSHOT_EVERY = 10;
/** The durable log never holds much more than two snapshot intervals (MIT's MAXLOGSIZE, in entries). */
const MAX_DURABLE_ENTRIES = 4 * SNAPSHOT_EVERY;

/** MIT's snapcommon: a victim (sometimes the leader) misses enough entries to need a snapshot. */
function snapshotInstall(c: Cluster, t: Test, opts: { disconnect: boolean; crash: boolean }): void {
  const r = c.random;
  const n = c.ids.length;
  c.one(`s${r.int(1e9)}`, n, true);
  let leader1 = c.checkOneLeader();
  const installsBefore = c.nodes.reduce((s, x) => s + x.counters.snapshotsInstalled, 0);
  let maxDurable = 0;
  for (let i = 0; i < 30; i++) {
    let victim = c.ids[(c.ids.indexOf(leader1) + 1) % n]!;
    let sender = leader1;
    if (i % 3 === 1) {
      sender = victim;
      victim = leader1;
    }
    if (opts.disconnect) {
      c.disconnect(victim);
      c.one(`s${r.int(1e9)}`, n - 1, true);
    }
    if (opts.crash) {
      c.crash(victim);
      c.one(`s${r.int(1e9)}`, n - 1, true);
    }
    const nn = SNAPSHOT_EVERY / 2 + r.int(SNAPSHOT_EVERY);
    for (let k = 0; k < nn; k++) c.start(sender, `s${r.int(1e9)}`); // sender may no longer lead: ignored
    c.one(`s${r.int(1e9)}`, opts.disconnect || opts.crash ? n - 1 : n, true);
    maxDurable = Math.max(maxDurable, ...c.nodes.map((x) => x.disk.entries.length));
    if (opts.disconnect) {
      c.connect(victim);
      c.one(`s${r.int(1e9)}`, n, true);
      leader1 = c.checkOneLeader();
    }
    if (opts.crash) {
      c.restart(victim);
      c.one(`s${r.int(1e9)}`, n, true);
      leader1 = c.checkOneLeader();
    }
  }
  const installs = c.nodes.reduce((s, x) => s + x.counters.snapshotsInstalled, 0) - installsBefore;
  c.awaitConvergence(4 * c.electionTicks);
  t.ok(maxDurable <= MAX_DURABLE_ENTRIES, `durable logs stayed at ≤ ${maxDurable} entries`);
  t.ok(c.nodes.every((x) => x.counters.snapshotsTaken > 0), 'every node snapshots and compacts');
  if (opts.disconnect) t.ok(installs > 0, `lagging nodes caught up through ${installs} InstallSnapshots`);
  t.comment(`snapshot figures: installs=${installs} ticks=${c.now} maxDurableEntries=${maxDurable}`);
}



t.test('SnapshotBasic: the log stays short with snapshots every 10 entries', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 31, snapshotEveryEntries: SNAPSHOT_EVERY });
  for (let i = 0; i < 100; i++) c.one(`basic-${i}`, 3, false);
  for (const n of c.nodes) t.ok(n.disk.entries.length <= MAX_DURABLE_ENTRIES, `${n.id} holds ${n.disk.entries.length} entries`);
  t.ok(c.nodes.every((n) => n.disk.snapshotIndex >= 90), 'snapshots kept up');
});

t.test('SnapshotInstall: disconnected victim, reliable network', async (t) => {
  snapshotInstall(new Cluster({ nodes: 3, seed: 32, snapshotEveryEntries: SNAPSHOT_EVERY }), t, { disconnect: true, crash: false });
});

t.test('SnapshotInstallUnreliable: disconnected victim, lossy network', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 33, snapshotEveryEntries: SNAPSHOT_EVERY, network: UNRELIABLE_LINK });
  snapshotInstall(c, t, { disconnect: true, crash: false });
});

t.test('SnapshotInstallCrash: crashed victim restarts from its snapshot and log tail', async (t) => {
  snapshotInstall(new Cluster({ nodes: 3, seed: 34, snapshotEveryEntries: SNAPSHOT_EVERY, diskLatencyTicks: 1 }), t, { disconnect: false, crash: true });
});

t.test('SnapshotInstallUnCrash: crashes on a lossy network', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 35, snapshotEveryEntries: SNAPSHOT_EVERY, diskLatencyTicks: 1, network: UNRELIABLE_LINK });
  snapshotInstall(c, t, { disconnect: false, crash: true });
});

t.test('SnapshotAllCrash: restarting everyone never moves the applied index back past a snapshot', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 36, snapshotEveryEntries: SNAPSHOT_EVERY });
  let lastIndex = 0;
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < SNAPSHOT_EVERY + 1; i++) lastIndex = c.one(`all-${round}-${i}`, 3, true);
    c.ids.forEach((id) => (c.crash(id), c.restart(id)));
    for (const n of c.nodes) t.ok(n.appliedIndex >= n.disk.snapshotIndex && n.disk.snapshotIndex > 0, `${n.id} restored its snapshot`, { diagnostic: false });
    const index = c.one(`all-${round}-after`, 3, true);
    t.ok(index > lastIndex, 'indices keep growing after a restart of all');
  }
});

t.test('ReadIndex: reads on any node see everything committed before them', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 37 });
  const leader = c.checkOneLeader();
  c.one('r-1', 3, false);
  let k = 0;
  for (const id of c.ids) {
    const key = `read-${k++}`;
    t.ok(c.readIndex(id, key), `${id} takes the read`);
    c.runUntil(() => c.node(id).servedReads.some((r) => r.key === key), 2 * c.electionTicks, 'read');
    const served = c.node(id).servedReads.find((r) => r.key === key)!;
    t.ok(served.index >= c.checker.highestCommittedIndex, `${id} read at ${served.index}`);
  }
  t.equal(c.checker.figures.readsChecked, 3, 'the checker verified each read point');
  t.equal(c.checkOneLeader(), leader, 'reads did not disturb the leader');
});

t.test('ReadIndex: a deposed leader in a minority cannot serve a read', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 38 });
  const old = c.checkOneLeader();
  c.one('before', 5, false);
  const k = c.ids.indexOf(old);
  const minority = [old, c.ids[(k + 1) % 5]!];
  const majority = c.ids.filter((id) => !minority.includes(id));
  c.network.partition([minority, majority]);
  t.ok(c.readIndex(old, 'stale-read'), 'the old leader accepts the request');
  c.checkOneLeader();
  c.one('after', 3, true);
  c.tick(3 * c.electionTicks);
  t.notOk(c.node(old).servedReads.some((r) => r.key === 'stale-read'), 'no answer without a quorum heartbeat round');
});
