/**
 * `--rounds N`: every system runs N times, alternating, and each figure of a level is reported as its
 * median over the rounds. On a shared machine the speed drifts by a fifth within minutes; one sample of
 * each system can land on a fast minute for one and a slow minute for the other, and the median of
 * alternating rounds is what survives that.
 */
import type { LatencyMs, LevelResult, SystemRun } from './results.js';

/** The median of the numbers given (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of values that may be unknown: unknown when any round lacks it. */
function medianOrNull(values: readonly (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : median(values as number[]);
}

function levelKey(l: LevelResult): string {
  return `${l.payloadBytes}/${l.mode}/${l.inFlight}/${l.offeredPerSecond}`;
}

function sumCounts(records: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) for (const [k, n] of Object.entries(r)) out[k] = (out[k] ?? 0) + n;
  return out;
}

function medianLatency(levels: readonly LevelResult[]): LatencyMs {
  const field = (f: keyof LatencyMs) => medianOrNull(levels.map((l) => l.latencyMs[f]));
  return { p50: field('p50')!, p90: field('p90'), p99: field('p99')!, p999: field('p999'), max: field('max'), mean: field('mean') };
}

/**
 * One level from the same level of several rounds: rate, latency percentiles, window and CPU seconds are
 * medians, each on its own; counts (commits, errors, skipped) are totals. Per-round histograms are not
 * merged (a merge would pool a fast minute with a slow one): the rounds keep theirs.
 */
export function medianLevel(levels: readonly LevelResult[]): LevelResult {
  const first = levels[0]!;
  const nodeIds = [...new Set(levels.flatMap((l) => Object.keys(l.nodeCpuSeconds)))];
  return {
    ...first,
    seconds: median(levels.map((l) => l.seconds)),
    commits: levels.reduce((n, l) => n + l.commits, 0),
    commitsPerSecond: Math.round(median(levels.map((l) => l.commitsPerSecond))),
    latencyMs: medianLatency(levels),
    errors: levels.reduce((n, l) => n + l.errors, 0),
    errorCodes: sumCounts(levels.map((l) => l.errorCodes)),
    skipped: levels.reduce((n, l) => n + l.skipped, 0),
    nodeCpuSeconds: Object.fromEntries(nodeIds.map((id) => [id, median(levels.map((l) => l.nodeCpuSeconds[id] ?? 0))])),
    clientCpuSeconds: medianOrNull(levels.map((l) => l.clientCpuSeconds)),
    histogram: levels.length === 1 ? first.histogram : null,
  };
}

/**
 * One run per system and cluster size, in the order of the first round that has it, whose levels are the
 * medians over the rounds that measured them (a round that stopped early contributes what it finished).
 */
export function medianOfRounds(rounds: readonly (readonly SystemRun[])[]): SystemRun[] {
  if (rounds.length === 1) return [...rounds[0]!];
  const out: SystemRun[] = [];
  const seen = new Set<string>();
  for (const round of rounds) {
    for (const run of round) {
      const key = `${run.system}/${run.nodes}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const inRounds = rounds.map((r) => r.find((x) => x.system === run.system && x.nodes === run.nodes));
      const present = inRounds.filter((x): x is SystemRun => x !== undefined);
      const byLevel = new Map<string, LevelResult[]>();
      for (const r of present) {
        for (const l of r.levels) {
          const key = levelKey(l);
          const same = byLevel.get(key);
          if (same) same.push(l);
          else byLevel.set(key, [l]);
        }
      }
      const failures = inRounds.flatMap((r, i) => (r?.failure ? [`round ${i + 1}: ${r.failure}`] : []));
      out.push({
        ...run,
        processes: present.flatMap((r) => r.processes),
        levels: [...byLevel.values()].map(medianLevel),
        failure: failures.length > 0 ? failures.join('\n') : null,
      });
    }
  }
  return out;
}
