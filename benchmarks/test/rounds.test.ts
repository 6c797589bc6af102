// --rounds: each level's figures are medians over the rounds; counts are totals; a missing level or run
// contributes nothing; a single round passes through untouched.
import t from 'tap';
import { evaluateTargets } from '../src/compare.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { median, medianLevel, medianOfRounds } from '../src/rounds.js';
import type { LevelResult, SystemRun } from '../src/results.js';
import { fixtureReport, level } from './fixture.js';

function run(system: 'raftbus' | 'etcd', nodes: number, levels: LevelResult[], pid: number, failure: string | null = null): SystemRun {
  return { system, nodes, version: 'v', leader: 'n1', processes: [{ id: 'n1', pid, role: 'leader', cpuSeconds: 1, peakRssBytes: 1 }], levels, failure };
}

t.test('median: odd and even counts, order-free; no values is an error', async (t) => {
  t.equal(median([3, 1, 2]), 2);
  t.equal(median([4, 1, 3, 2]), 2.5);
  t.equal(median([7]), 7);
  t.throws(() => median([]), RangeError);
});

t.test('a level from three rounds: each figure its own median, counts summed, unknowns stay unknown', async (t) => {
  const a = { ...level('raftbus', 3, 256, 30_000, 8, 15), errors: 1, errorCodes: { timeout: 1 }, nodeCpuSeconds: { n1: 3, n2: 1 } };
  const b = { ...level('raftbus', 3, 256, 40_000, 6, 25), errors: 0, errorCodes: {}, nodeCpuSeconds: { n1: 2, n2: 2 } };
  const c = { ...level('raftbus', 3, 256, 35_000, 9, 12), errors: 2, errorCodes: { timeout: 1, notLeader: 1 }, nodeCpuSeconds: { n1: 4, n2: 3 } };
  const m = medianLevel([a, b, c]);
  t.equal(m.commitsPerSecond, 35_000);
  t.equal(m.latencyMs.p50, 8, 'p50 from the first round');
  t.equal(m.latencyMs.p99, 15, 'p99 from the first round, while the rate came from the third: each figure on its own');
  t.equal(m.commits, a.commits + b.commits + c.commits);
  t.equal(m.errors, 3);
  t.same(m.errorCodes, { timeout: 2, notLeader: 1 });
  t.same(m.nodeCpuSeconds, { n1: 3, n2: 2 });
  t.equal(m.histogram, null, 'per-round histograms are not pooled');
  const etcd = medianLevel([level('etcd', 3, 256, 10_000, 20, 40), level('etcd', 3, 256, 12_000, 22, 44)]);
  t.equal(etcd.latencyMs.p90, null, "etcd's generator has no p90: still unknown");
  t.equal(etcd.commitsPerSecond, 11_000);
  t.equal(etcd.clientCpuSeconds, null);
});

t.test('runs over rounds: matched by system and size, a round that lacks a level or a run contributes nothing to it', async (t) => {
  const rounds: SystemRun[][] = [
    [run('raftbus', 3, [level('raftbus', 3, 1, 1000, 1, 2), level('raftbus', 3, 256, 30_000, 8, 20)], 11), run('etcd', 3, [level('etcd', 3, 256, 10_000, 20, 40)], 12)],
    [run('raftbus', 3, [level('raftbus', 3, 1, 1200, 0.8, 2.2)], 21, 'driver stopped after 1 of 2 levels'), run('etcd', 3, [level('etcd', 3, 256, 14_000, 18, 38)], 22)],
    [run('raftbus', 3, [level('raftbus', 3, 1, 1100, 0.9, 2.4), level('raftbus', 3, 256, 40_000, 6, 16)], 31)],
  ];
  const runs = medianOfRounds(rounds);
  t.same(runs.map((r) => `${r.system}/${r.nodes}`), ['raftbus/3', 'etcd/3']);
  const [raftbus, etcd] = runs as [SystemRun, SystemRun];
  t.equal(raftbus.levels.find((l) => l.inFlight === 1)!.commitsPerSecond, 1100);
  t.equal(raftbus.levels.find((l) => l.inFlight === 1)!.latencyMs.p50, 0.9);
  t.equal(raftbus.levels.find((l) => l.inFlight === 256)!.commitsPerSecond, 35_000, 'the two rounds that measured it');
  t.equal(etcd.levels[0]!.commitsPerSecond, 12_000);
  t.same(raftbus.processes.map((p) => p.pid), [11, 21, 31], "every round's processes");
  t.equal(raftbus.failure, 'round 2: driver stopped after 1 of 2 levels');
  t.equal(etcd.failure, null);
  const single = [run('raftbus', 3, [level('raftbus', 3, 1, 1000, 1, 2)], 1)];
  t.equal(medianOfRounds([single])[0], single[0], 'one round: the runs themselves');
});

t.test('the report with rounds: a rounds table, and targets judged on the medians', async (t) => {
  const fast = fixtureReport.runs;
  const slow = fast.map((r) => ({ ...r, levels: r.levels.map((l) => ({ ...l, commitsPerSecond: l.commitsPerSecond / 2, latencyMs: { ...l.latencyMs, p99: l.latencyMs.p99 * 2 } })) }));
  const rounds = [fast, slow, fast];
  const runs = medianOfRounds(rounds);
  const report = { ...fixtureReport, runs, rounds, targets: evaluateTargets(runs, fixtureReport.floors) };
  const md = renderMarkdown(report, 'bench.svg');
  t.match(md, /Rounds: 3, alternating \(raftbus 3 nodes, raftbus 5 nodes, etcd 3 members, then again\)/);
  t.match(md, /\| 1 \| 0\.600 \| 30\.0k \| 15\.0 \| 20\.0k \| 0\.900 \| 12\.0k \| 2\.50× \|/);
  t.match(md, /\| 2 \| 0\.600 \| 15\.0k \| 30\.0 \| 10\.0k \| 0\.900 \| 6\.00k \| 2\.50× \|/);
  t.match(md, /\| 256 in flight throughput \| ≥ 25\.0k\/s \| 30\.0k\/s \| yes \|/, 'the median round, not the slow one');
  t.notMatch(renderMarkdown({ ...fixtureReport, targets: [] }, 'bench.svg'), /## Rounds/, 'no rounds table for a single round');
});
