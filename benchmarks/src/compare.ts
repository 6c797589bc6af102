/**
 * Ratios between the runs (raftbus / etcd, 5 nodes / 3 nodes, sequential p50 / floor) and issue #8's
 * targets beside the figures. Informational: the bench never fails on speed.
 */
import { formatMs, formatRate, formatRatio } from './format.js';
import type { FloorFigures, LevelResult, SystemRun, SystemName, TargetCheck } from './results.js';

/** The payload the targets are stated for. */
export const TARGET_PAYLOAD_BYTES = 128;
const TARGET_SEQUENTIAL_FLOOR_RATIO_MAX = 2;
const TARGET_THROUGHPUT_256_MIN = 25_000;
const TARGET_THROUGHPUT_ETCD_RATIO_MIN = 2;
const TARGET_P99_256_MS_MAX = 20;
const TARGET_FIVE_OVER_THREE_MIN = 0.6;

export function findLevel(runs: readonly SystemRun[], system: SystemName, nodes: number, payloadBytes: number, inFlight: number): LevelResult | undefined {
  return runs
    .find((r) => r.system === system && r.nodes === nodes)
    ?.levels.find((l) => l.mode === 'closed' && l.payloadBytes === payloadBytes && l.inFlight === inFlight);
}

export interface PairRatio {
  readonly payloadBytes: number;
  readonly inFlight: number;
  /** a / b of commits per second, p50 and p99 latency. */
  readonly throughput: number;
  readonly p50: number;
  readonly p99: number;
}

/** Level-by-level ratios of run `a` to run `b` for every closed-loop level both have. */
export function ratios(a: SystemRun | undefined, b: SystemRun | undefined): PairRatio[] {
  if (!a || !b) return [];
  const out: PairRatio[] = [];
  for (const la of a.levels) {
    if (la.mode !== 'closed' || la.inFlight === null) continue;
    const lb = b.levels.find((l) => l.mode === 'closed' && l.payloadBytes === la.payloadBytes && l.inFlight === la.inFlight);
    if (!lb) continue;
    out.push({
      payloadBytes: la.payloadBytes,
      inFlight: la.inFlight,
      throughput: la.commitsPerSecond / lb.commitsPerSecond,
      p50: la.latencyMs.p50 / lb.latencyMs.p50,
      p99: la.latencyMs.p99 / lb.latencyMs.p99,
    });
  }
  return out;
}

function check(name: string, target: string, measured: string, met: boolean | null): TargetCheck {
  return { name, target, measured, met };
}

/** The targets, each with what this run measured (null `met` when the run lacks the figure). */
export function evaluateTargets(runs: readonly SystemRun[], floors: FloorFigures | null): TargetCheck[] {
  const p = TARGET_PAYLOAD_BYTES;
  const seq = findLevel(runs, 'raftbus', 3, p, 1);
  const etcdSeq = findLevel(runs, 'etcd', 3, p, 1);
  const wide = findLevel(runs, 'raftbus', 3, p, 256);
  const etcdWide = findLevel(runs, 'etcd', 3, p, 256);
  const wide5 = findLevel(runs, 'raftbus', 5, p, 256);
  const missing = '–';
  const targets: TargetCheck[] = [];
  const floorRatio = seq && floors ? seq.latencyMs.p50 / floors.commitFloorMs : null;
  targets.push(
    check(
      'sequential p50 vs floor',
      `≤ ${TARGET_SEQUENTIAL_FLOOR_RATIO_MAX}× floor`,
      floorRatio === null ? missing : `${formatMs(seq!.latencyMs.p50)} ms = ${formatRatio(floorRatio)} floor ${formatMs(floors!.commitFloorMs)} ms`,
      floorRatio === null ? null : floorRatio <= TARGET_SEQUENTIAL_FLOOR_RATIO_MAX,
    ),
  );
  targets.push(
    check(
      'sequential p50 vs etcd',
      '< etcd p50',
      seq && etcdSeq ? `${formatMs(seq.latencyMs.p50)} ms vs etcd ${formatMs(etcdSeq.latencyMs.p50)} ms` : missing,
      seq && etcdSeq ? seq.latencyMs.p50 < etcdSeq.latencyMs.p50 : null,
    ),
  );
  targets.push(
    check(
      '256 in flight throughput',
      `≥ ${formatRate(TARGET_THROUGHPUT_256_MIN)}/s`,
      wide ? `${formatRate(wide.commitsPerSecond)}/s` : missing,
      wide ? wide.commitsPerSecond >= TARGET_THROUGHPUT_256_MIN : null,
    ),
  );
  targets.push(
    check(
      '256 in flight vs etcd',
      `≥ ${TARGET_THROUGHPUT_ETCD_RATIO_MIN}× etcd`,
      wide && etcdWide ? `${formatRatio(wide.commitsPerSecond / etcdWide.commitsPerSecond)} (etcd ${formatRate(etcdWide.commitsPerSecond)}/s)` : missing,
      wide && etcdWide ? wide.commitsPerSecond >= TARGET_THROUGHPUT_ETCD_RATIO_MIN * etcdWide.commitsPerSecond : null,
    ),
  );
  targets.push(
    check(
      '256 in flight p99',
      `< ${TARGET_P99_256_MS_MAX} ms`,
      wide ? `${formatMs(wide.latencyMs.p99)} ms` : missing,
      wide ? wide.latencyMs.p99 < TARGET_P99_256_MS_MAX : null,
    ),
  );
  targets.push(
    check(
      '5 nodes vs 3 nodes (256 in flight)',
      `≥ ${TARGET_FIVE_OVER_THREE_MIN * 100}% of 3 nodes`,
      wide && wide5 ? `${((wide5.commitsPerSecond / wide.commitsPerSecond) * 100).toFixed(0)}% (${formatRate(wide5.commitsPerSecond)}/s vs ${formatRate(wide.commitsPerSecond)}/s)` : missing,
      wide && wide5 ? wide5.commitsPerSecond >= TARGET_FIVE_OVER_THREE_MIN * wide.commitsPerSecond : null,
    ),
  );
  return targets;
}
