/**
 * Parent ⇄ load driver. The parent passes a DriverConfig as argv[2] (JSON); the driver answers with one
 * JSON object per stdout line. Keeping the client in its own process means its CPU is not the
 * orchestrator's, and the parent can sample the nodes' /proc counters at the window's edges.
 */
import { DriverError } from '../errors.js';
import type { HistogramSnapshot } from '../histogram.js';

export interface DriverStep {
  readonly payloadBytes: number;
  readonly mode: 'closed' | 'open';
  /** closed loop: callers in flight */
  readonly inFlight: number | null;
  /** open loop: requests offered per second */
  readonly ratePerSecond: number | null;
}

export interface DriverConfig {
  readonly clientAddresses: readonly string[];
  readonly steps: readonly DriverStep[];
  readonly warmupSeconds: number;
  readonly secondsPerLevel: number;
  /** Puts go to keys k0 … k(keySpace-1) in turn, as etcd benchmarks spread their keys. */
  readonly keySpace: number;
}

export interface DriverStepResult {
  readonly commits: number;
  readonly completedInWindow: number;
  readonly windowSeconds: number;
  readonly errors: number;
  readonly errorCodes: Record<string, number>;
  readonly skipped: number;
  readonly unfinished: number;
  readonly histogram: HistogramSnapshot;
  readonly clientCpuSeconds: number;
  readonly clientRetries: number;
}

export type DriverLine =
  | { readonly type: 'ready'; readonly leader: string }
  | { readonly type: 'measure-start'; readonly step: number }
  | { readonly type: 'measure-end'; readonly step: number }
  | { readonly type: 'result'; readonly step: number; readonly result: DriverStepResult }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

const LINE_TYPES = new Set(['ready', 'measure-start', 'measure-end', 'result', 'done', 'error']);

export function parseDriverLine(line: string): DriverLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new DriverError(`not a JSON line: ${line.slice(0, 200)}`);
  }
  if (!value || typeof value !== 'object' || !('type' in value) || typeof value.type !== 'string' || !LINE_TYPES.has(value.type)) {
    throw new DriverError(`unknown line: ${line.slice(0, 200)}`);
  }
  return value as DriverLine;
}
