/** bench.json: every figure of the run, including each level's histogram buckets for later re-analysis. */
import { BenchConfigError } from '../errors.js';
import type { BenchReport } from '../results.js';

/** Numbers JSON cannot hold (NaN when a /proc read failed, Infinity) become null rather than vanish. */
export function renderJson(report: BenchReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

/** Reads a bench.json back (for comparing runs); refuses another format version. */
export function parseReport(text: string): BenchReport {
  const value = JSON.parse(text) as Partial<BenchReport>;
  if (value.formatVersion !== 1 || !Array.isArray(value.runs)) throw new BenchConfigError('bench.json', `not a format-1 bench report`);
  return value as BenchReport;
}
