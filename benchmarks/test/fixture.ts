// A fixed, hand-written bench report for the renderer tests (not measured: the figures are made up).
import type { BenchReport, LevelResult, SystemRun } from '../src/results.js';

export function level(system: 'raftbus' | 'etcd', nodes: number, inFlight: number, commitsPerSecond: number, p50: number, p99: number): LevelResult {
  return {
    system,
    nodes,
    payloadBytes: 128,
    mode: 'closed',
    inFlight,
    offeredPerSecond: null,
    seconds: 5,
    commits: commitsPerSecond * 5,
    commitsPerSecond,
    latencyMs: { p50, p90: system === 'etcd' ? null : p50 * 1.5, p99, p999: system === 'etcd' ? null : p99 * 1.2, max: system === 'etcd' ? null : p99 * 2, mean: null },
    errors: 0,
    errorCodes: {},
    skipped: 0,
    nodeCpuSeconds: { n1: 2.5, n2: 1.25, n3: 1.25 },
    clientCpuSeconds: system === 'etcd' ? null : 0.5,
    histogram: null,
  };
}

function run(system: 'raftbus' | 'etcd', nodes: number, levels: LevelResult[]): SystemRun {
  return {
    system,
    nodes,
    version: system === 'etcd' ? '3.4.23' : '0.1.0 (git abc1234)',
    leader: system === 'etcd' ? '' : 'n1',
    processes: [{ id: system === 'etcd' ? 'e1' : 'n1', pid: 4242, role: system === 'etcd' ? '' : 'leader', cpuSeconds: 12.5, peakRssBytes: 150 * 1024 * 1024 }],
    levels,
    failure: null,
  };
}

export const fixtureReport: BenchReport = {
  formatVersion: 1,
  command: 'npm run bench -- --nodes 3,5 --compare etcd',
  startedAt: '2026-11-26T12:00:00.000Z',
  finishedAt: '2026-11-26T12:03:00.000Z',
  wallSeconds: 180,
  options: { nodeCounts: [3, 5] },
  machine: {
    cpuModel: 'Test CPU & Co <fixture>',
    cores: 2,
    ramBytes: 24 * 1024 ** 3,
    kernel: 'linux 6.1 x64',
    os: 'Debian GNU/Linux 12 (bookworm)',
    node: 'v20.20.2',
    loadAverage: [1, 2, 3],
    disk: { path: '/tmp', device: '/dev/vda', fsType: 'ext4', rotational: false, model: null },
  },
  floors: { zmqRoundTripMs: { p50: 0.15, p99: 0.3, samples: 2000 }, fdatasyncMs: { p50: 0.2, p99: 0.5, samples: 2000 }, commitFloorMs: 0.35, rounds: [{ at: 'start', zmqRoundTripP50Ms: 0.14, fdatasyncP50Ms: 0.19 }, { at: 'end', zmqRoundTripP50Ms: 0.16, fdatasyncP50Ms: 0.21 }] },
  runs: [
    run('raftbus', 3, [level('raftbus', 3, 1, 1500, 0.6, 1.2), level('raftbus', 3, 64, 20_000, 3, 8), level('raftbus', 3, 256, 30_000, 8, 15)]),
    run('raftbus', 5, [level('raftbus', 5, 1, 1200, 0.7, 1.5), level('raftbus', 5, 64, 15_000, 4, 10), level('raftbus', 5, 256, 20_000, 12, 25)]),
    run('etcd', 3, [level('etcd', 3, 1, 1000, 0.9, 2), level('etcd', 3, 64, 10_000, 6, 14), level('etcd', 3, 256, 12_000, 20, 40)]),
  ],
  etcdSkipped: null,
  targets: [],
};
