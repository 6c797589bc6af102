/** bench.json: every figure of the run, including each level's histogram buckets for later re-analysis. */
import { BenchConfigError } from '../errors.js';
import type { BenchReport } from '../results.js';

const NUMBER_ARRAY = /\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g;
const ARRAY_OF_FLAT_ARRAYS = /\[\s*(\[[^[\]]*\](?:,\s*\[[^[\]]*\])*)\s*\]/g;

/**
 * Indented JSON, with arrays of numbers (histogram buckets, load averages) kept on one line: one
 * number per line would make the file five times larger and no easier to read. Numbers JSON cannot
 * hold (NaN when a /proc read failed) become null rather than vanish.
 */
export function renderJson(report: BenchReport): string {
  const text = JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2);
  const squeeze = (_match: string, body: string) => `[${body.replace(/\s+/g, '')}]`;
  return `${text.replace(NUMBER_ARRAY, squeeze).replace(ARRAY_OF_FLAT_ARRAYS, squeeze)}\n`;
}

/** Reads a bench.json back (for comparing runs); refuses another format version. */
export function parseReport(text: string): BenchReport {
  const value = JSON.parse(text) as Partial<BenchReport>;
  if (value.formatVersion !== 1 || !Array.isArray(value.runs)) throw new BenchConfigError('bench.json', `not a format-1 bench report`);
  return value as BenchReport;
}
