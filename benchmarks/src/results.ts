/** The shape of one benchmark run's results: what bench.json holds and every renderer reads. */
import type { HistogramSnapshot } from './histogram.js';

export type SystemName = 'raftbus' | 'etcd';

/** Milliseconds. etcd's load generator reports only p50 and p99; the rest stay null for it. */
export interface LatencyMs {
  readonly p50: number;
  readonly p90: number | null;
  readonly p99: number;
  readonly p999: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

export interface LevelResult {
  readonly system: SystemName;
  readonly nodes: number;
  readonly payloadBytes: number;
  /** closed: `inFlight` callers each with one request outstanding; open: requests at `offeredPerSecond`. */
  readonly mode: 'closed' | 'open';
  readonly inFlight: number | null;
  readonly offeredPerSecond: number | null;
  /** Length of the measured window (after the warm-up). */
  readonly seconds: number;
  /** Requests that succeeded and were counted (sent inside the measured window). */
  readonly commits: number;
  /** Completions inside the measured window per second of it. */
  readonly commitsPerSecond: number;
  readonly latencyMs: LatencyMs;
  readonly errors: number;
  readonly errorCodes: Readonly<Record<string, number>>;
  /** Open loop: scheduled sends the generator skipped because too many were outstanding (counted, never hidden). */
  readonly skipped: number;
  /** CPU seconds each node process used during the measured window (raftbus: by node id; etcd: by member). */
  readonly nodeCpuSeconds: Readonly<Record<string, number>>;
  /** CPU seconds of the load generator process during the window (null when not measured). */
  readonly clientCpuSeconds: number | null;
  readonly histogram: HistogramSnapshot | null;
}

export interface NodeProcessStats {
  readonly id: string;
  readonly pid: number;
  readonly role: string;
  /** utime + stime of the whole run, read just before the node was stopped. */
  readonly cpuSeconds: number;
  /** VmHWM: the peak resident set size. */
  readonly peakRssBytes: number;
}

export interface SystemRun {
  readonly system: SystemName;
  readonly nodes: number;
  readonly version: string;
  readonly leader: string;
  readonly processes: readonly NodeProcessStats[];
  readonly levels: readonly LevelResult[];
  /** Why levels are missing, when the run stopped early (null when it finished). */
  readonly failure: string | null;
}

/** Pooled from two rounds, at the start and at the end of the run. */
export interface FloorFigures {
  /** Bare zeromq.js DEALER→ROUTER echo between two processes, 128 B, 1 in flight. */
  readonly zmqRoundTripMs: { readonly p50: number; readonly p99: number; readonly samples: number };
  /** Append 128 B + fdatasync, in a loop, in the data directory. */
  readonly fdatasyncMs: { readonly p50: number; readonly p99: number; readonly samples: number };
  /** DESIGN.md's commit floor: one loopback round trip plus one (follower's) fdatasync. */
  readonly commitFloorMs: number;
  /** Each round's p50s, so drift during the run shows. */
  readonly rounds: readonly { readonly at: 'start' | 'end'; readonly zmqRoundTripP50Ms: number; readonly fdatasyncP50Ms: number }[];
}

export interface DiskDescription {
  readonly path: string;
  readonly device: string;
  readonly fsType: string;
  readonly rotational: boolean | null;
  readonly model: string | null;
}

export interface MachineDescription {
  readonly cpuModel: string;
  readonly cores: number;
  readonly ramBytes: number;
  readonly kernel: string;
  readonly os: string;
  readonly node: string;
  readonly loadAverage: readonly number[];
  readonly disk: DiskDescription;
}

export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  /** null: not measurable in this run (etcd not run, no 5-node run, …). */
  readonly met: boolean | null;
}

export interface BenchReport {
  readonly formatVersion: 1;
  readonly command: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallSeconds: number;
  readonly options: Readonly<Record<string, unknown>>;
  readonly machine: MachineDescription;
  readonly floors: FloorFigures | null;
  /** One run per system and size; with --rounds above 1, each level's figures are medians over the rounds. */
  readonly runs: readonly SystemRun[];
  /** With --rounds above 1: every round's own runs, in the order they ran (absent for a single round). */
  readonly rounds?: readonly (readonly SystemRun[])[];
  /** Why etcd was not compared (null when it was, or was not asked for). */
  readonly etcdSkipped: string | null;
  readonly targets: readonly TargetCheck[];
}
