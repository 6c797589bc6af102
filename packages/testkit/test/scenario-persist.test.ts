// MIT 6.824 Lab 2C / 6.5840 Lab 3C, in ticks. A crash loses every write in flight; restart reads the disk.
import t from 'tap';
import { Cluster } from '../src/sim/cluster.js';
import { UNRELIABLE_LINK, RELIABLE_LINK } from '../src/sim/network.js';

const restartAll = (c: Cluster) => c.ids.forEach((id) => (c.crash(id), c.restart(id)));

t.test('Persist1: crash and restart all, the leader, a follower', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 21, diskLatencyTicks: 1 });
  c.one(11, 3, true);
  restartAll(c);
  c.one(12, 3, true);
  const leader1 = c.checkOneLeader();
  c.crash(leader1);
  c.restart(leader1);
  c.one(13, 3, true);
  const leader2 = c.checkOneLeader();
  c.crash(leader2);
  c.one(14, 2, true);
  c.restart(leader2);
  c.waitCommitted(c.one(15, 2, true), 3, 4 * c.electionTicks);
  const i3 = c.ids[(c.ids.indexOf(c.checkOneLeader()) + 1) % 3]!;
  c.crash(i3);
  c.one(16, 2, true);
  c.restart(i3);
  const index = c.one(17, 3, true);
  const commands = Array.from({ length: index }, (_, k) => c.nCommitted(k + 1).command).filter((x) => x !== '');
  t.same(commands, ['11', '12', '13', '14', '15', '16', '17'].filter((x) => commands.includes(x)), 'in order');
  for (const x of ['11', '12', '13', '14', '15', '16', '17']) t.ok(commands.includes(x), `${x} survived every restart`);
});

t.test('Persist2: rotating quorums of crashes over 5 rounds', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 22, diskLatencyTicks: 1 });
  let index = 1;
  for (let iter = 0; iter < 5; iter++) {
    c.one(10 + index++, 5, true);
    const leader1 = c.checkOneLeader();
    const k = c.ids.indexOf(leader1);
    const at = (d: number) => c.ids[(k + d) % 5]!;
    c.crash(at(1));
    c.crash(at(2));
    c.one(10 + index++, 3, true);
    [0, 3, 4].forEach((d) => c.crash(at(d)));
    c.restart(at(1));
    c.restart(at(2));
    c.tick(2 * c.electionTicks);
    c.restart(at(3));
    c.one(10 + index++, 3, true);
    c.restart(at(4));
    c.restart(at(0));
  }
  const last = c.one(1000, 5, true);
  c.awaitConvergence(4 * c.electionTicks);
  const applied = new Set([...c.appliedData.values()].map((d) => new TextDecoder().decode(d)));
  for (let i = 1; i < index; i++) t.ok(applied.has(String(10 + i)), `command ${10 + i} survived`, { diagnostic: false });
  t.equal(c.nCommitted(last).count, 5);
});

t.test('Persist3: partitioned leader and one follower crash, leader restarts', async (t) => {
  const c = new Cluster({ nodes: 3, seed: 23, diskLatencyTicks: 1 });
  c.one(101, 3, true);
  const leader = c.checkOneLeader();
  const k = c.ids.indexOf(leader);
  const at = (d: number) => c.ids[(k + d) % 3]!;
  c.disconnect(at(2));
  c.one(102, 2, true);
  c.crash(at(0));
  c.crash(at(1));
  c.connect(at(2));
  c.restart(at(0));
  c.one(103, 2, true);
  c.restart(at(1));
  const index = c.one(104, 3, true);
  c.awaitConvergence(4 * c.electionTicks);
  t.equal(c.nCommitted(index).count, 3);
  const applied = [...c.appliedData.values()].map((d) => new TextDecoder().decode(d));
  t.ok(['101', '102', '103', '104'].every((x) => applied.includes(x)), 'no committed command lost');
});

/** MIT's Figure 8 loop: propose to every node, wait a little (sometimes long), crash the leader. */
function figure8(c: Cluster, iterations: number, unreliable: boolean): void {
  const r = c.random;
  let up = c.ids.length;
  const majority = Math.floor(c.ids.length / 2) + 1;
  for (let iter = 0; iter < iterations; iter++) {
    if (unreliable && iter === 200) c.network.setFaults({ ...UNRELIABLE_LINK, reorderRate: 0.67, reorderDelayTicksMax: 22 }); // long reordering
    let leader: string | undefined;
    for (const id of c.ids) if (c.start(id, `f8-${iter}-${r.int(10000)}`)) leader = id;
    c.tick(r.chance(0.1) ? r.int(2 * c.electionTicks) : r.int(2));
    if (leader !== undefined) {
      if (!unreliable) {
        c.crash(leader);
        up--;
      } else if (r.chance(0.5)) {
        c.disconnect(leader);
        up--;
      }
    }
    if (up < majority) {
      const s = r.pick(c.ids);
      if (unreliable ? !c.network.isConnected(s) : !c.node(s).up) {
        if (unreliable) c.connect(s);
        else c.restart(s);
        up++;
      }
    }
  }
  c.ids.forEach((id) => (c.restart(id), c.connect(id)));
  c.healNetwork();
}

t.test('Figure8: 1000 iterations of leaders crashing young; nothing committed is ever changed', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 24 });
  c.one('start', 1, true);
  figure8(c, 1000, false);
  const index = c.one('end', 5, true);
  c.awaitConvergence(4 * c.electionTicks);
  t.equal(c.nCommitted(index).count, 5, 'all five agree at the end');
  t.ok(c.checker.figures.leadersElected > 50, `${c.checker.figures.leadersElected} leaders came and went`);
  t.comment(`Figure8 figures: ticks=${c.now} leaders=${c.checker.figures.leadersElected} commits=${c.checker.figures.committedEntries}`);
});

t.test('UnreliableAgree: 50 rounds of 4 concurrent + 1 commands over a lossy network', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 25, network: UNRELIABLE_LINK });
  for (let iter = 1; iter < 50; iter++) {
    c.agree([0, 1, 2, 3].map((j) => 100 * iter + j), 1);
    c.one(iter, 1, true);
  }
  c.network.setFaults(RELIABLE_LINK);
  const index = c.one(100, 5, true);
  t.equal(c.nCommitted(index).count, 5);
  t.ok(c.network.counters.dropped > 100, `${c.network.counters.dropped} messages were lost on the way`);
});

t.test('Figure8Unreliable: disconnecting leaders, lossy and (later) long-reordering network', async (t) => {
  const c = new Cluster({ nodes: 5, seed: 26, network: UNRELIABLE_LINK });
  c.one('start', 1, true);
  figure8(c, 1000, true);
  const index = c.one('end', 5, true);
  c.awaitConvergence(4 * c.electionTicks);
  t.equal(c.nCommitted(index).count, 5);
  t.ok(c.network.counters.reordered > 100, `${c.network.counters.reordered} messages overtaken`);
});

/** MIT's churn: clients keep proposing while nodes are disconnected, crashed and restarted at random. */
function churn(c: Cluster, unreliable: boolean): { observed: Map<number, string> } {
  if (unreliable) c.network.setFaults(UNRELIABLE_LINK);
  const r = c.random;
  const observed = new Map<number, string>(); // index → command, once a client saw it applied
  const pending: { index: number; command: string }[] = [];
  let next = 0;
  const clients = 3;
  for (let iter = 0; iter < 20; iter++) {
    for (let step = 0; step < Math.round(0.7 * c.electionTicks); step++) {
      for (let client = 0; client < clients; client++) {
        const command = `churn-${client}-${next++}`;
        const placed = c.start(r.pick(c.ids), command);
        if (placed) pending.push({ index: placed.index, command });
      }
      c.tick();
      for (let k = pending.length - 1; k >= 0; k--) {
        const p = pending[k]!;
        const got = c.nCommitted(p.index).command;
        if (got === undefined) continue;
        if (got === p.command) observed.set(p.index, p.command);
        pending.splice(k, 1);
      }
    }
    const victim = r.pick(c.ids);
    const dice = r.float();
    if (dice < 0.2) c.disconnect(victim);
    else if (dice < 0.7) {
      c.restart(victim);
      c.connect(victim);
    } else if (dice < 0.9) c.crash(victim);
  }
  c.healNetwork();
  c.ids.forEach((id) => c.restart(id));
  return { observed };
}

for (const unreliable of [false, true]) {
  t.test(`${unreliable ? 'Unreliable' : 'Reliable'}Churn: no value a client saw committed is ever lost`, async (t) => {
    const c = new Cluster({ nodes: 5, seed: unreliable ? 28 : 27, diskLatencyTicks: 1 });
    const { observed } = churn(c, unreliable);
    c.one('final', 5, true);
    c.awaitConvergence(4 * c.electionTicks);
    t.ok(observed.size > 20, `${observed.size} commands observed committed during the churn`);
    const lost = [...observed].filter(([index, command]) => c.nCommitted(index).command !== command);
    t.same(lost, [], 'every observed command is in the final log at its index');
    for (const n of c.nodes) t.ok(n.appliedIndex >= Math.max(...observed.keys()), `${n.id} applied them all`, { diagnostic: false });
  });
}
