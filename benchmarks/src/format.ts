/** Number formats shared by the progress lines, the console summary and the markdown table. */
import type { LatencySummaryUs } from './histogram.js';
import type { LatencyMs, LevelResult } from './results.js';

/** 812 → "812", 12345 → "12.3k", 1234567 → "1.23M". */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(1)}k`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(2)}k`;
  return perSecond.toFixed(0);
}

/** Milliseconds with three significant digits (0.412, 4.12, 41.2, 412). */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

export function formatRatio(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${bytes} B`;
}

export function latencyMsFromUs(s: LatencySummaryUs): LatencyMs {
  const ms = (us: number) => Math.round(us) / 1000;
  return { p50: ms(s.p50Us), p90: ms(s.p90Us), p99: ms(s.p99Us), p999: ms(s.p999Us), max: ms(s.maxUs), mean: ms(s.meanUs) };
}

/** "128 B, 64 in flight" or "128 B, open loop 5000/s". */
export function levelLabel(l: Pick<LevelResult, 'payloadBytes' | 'mode' | 'inFlight' | 'offeredPerSecond'>): string {
  const load = l.mode === 'closed' ? `${l.inFlight} in flight` : `open loop ${formatRate(l.offeredPerSecond ?? Number.NaN)}/s`;
  return `${l.payloadBytes} B, ${load}`;
}

/** The progress line: "[bench] 3 nodes, 128 B, 64 in flight: 12.3k/s p50 4.12 ms p99 9.20 ms". */
export function progressLine(l: LevelResult): string {
  const system = l.system === 'raftbus' ? `${l.nodes} nodes` : `etcd ${l.nodes} members`;
  const errors = l.errors > 0 ? ` (${l.errors} errors: ${Object.entries(l.errorCodes).map(([c, n]) => `${c} ${n}`).join(', ')})` : '';
  const skipped = l.skipped > 0 ? ` (${l.skipped} sends skipped or unanswered)` : '';
  return `[bench] ${system}, ${levelLabel(l)}: ${formatRate(l.commitsPerSecond)}/s p50 ${formatMs(l.latencyMs.p50)} ms p99 ${formatMs(l.latencyMs.p99)} ms${errors}${skipped}`;
}
