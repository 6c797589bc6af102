/**
 * One raftbus run: a fresh `raftbus up` cluster of `nodes` processes, the load driver as a child process
 * stepping through every level, the nodes' CPU sampled at each window's edges, then the cluster stopped
 * (CPU seconds and peak RSS of every node read just before) and its data directory removed.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PORT_MAX, type BenchOptions } from './args.js';
import { startCluster, type BenchCluster } from './cluster.js';
import { DriverError } from './errors.js';
import { latencyMsFromUs, progressLine } from './format.js';
import { LatencyHistogram } from './histogram.js';
import { DRAIN_TIMEOUT_MS } from './driver/loops.js';
import { parseDriverLine, type DriverConfig, type DriverLine, type DriverStep, type DriverStepResult } from './driver/protocol.js';
import { cpuDelta, sampleCpu } from './proc-stats.js';
import type { LevelResult, NodeProcessStats, SystemRun } from './results.js';

const DRIVER = fileURLToPath(new URL('./driver/driver.js', import.meta.url));
/** Keys the puts cycle through (etcd's benchmark tool spreads puts over a key space the same way). */
const KEY_SPACE = 1000;
/** Beyond a level's own time (warm-up, window, drain), how long the driver may stay silent. */
const DRIVER_SILENCE_MS_SLACK = 30_000;
const DRIVER_EXIT_TIMEOUT_MS = 5_000;

export function stepsFor(opts: Pick<BenchOptions, 'payloadSizes' | 'inFlightLevels' | 'openLoopRates'>): DriverStep[] {
  const steps: DriverStep[] = [];
  for (const payloadBytes of opts.payloadSizes) {
    for (const inFlight of opts.inFlightLevels) steps.push({ payloadBytes, mode: 'closed', inFlight, ratePerSecond: null });
    for (const rate of opts.openLoopRates) steps.push({ payloadBytes, mode: 'open', inFlight: null, ratePerSecond: rate });
  }
  return steps;
}

function levelResult(nodes: number, step: DriverStep, r: DriverStepResult, nodeCpuSeconds: Record<string, number>): LevelResult {
  const h = LatencyHistogram.fromSnapshot(r.histogram);
  return {
    system: 'raftbus',
    nodes,
    payloadBytes: step.payloadBytes,
    mode: step.mode,
    inFlight: step.inFlight,
    offeredPerSecond: step.ratePerSecond,
    seconds: Math.round(r.windowSeconds * 1000) / 1000,
    commits: r.commits,
    commitsPerSecond: Math.round(r.completedInWindow / r.windowSeconds),
    latencyMs: latencyMsFromUs(h.summary()),
    errors: r.errors,
    errorCodes: r.errorCodes,
    skipped: r.skipped + r.unfinished,
    nodeCpuSeconds,
    clientCpuSeconds: Math.round(r.clientCpuSeconds * 1000) / 1000,
    histogram: r.histogram,
  };
}

/** Runs the driver over every step; resolves with the levels it finished (and why it stopped, if early). */
async function drive(cluster: BenchCluster, steps: readonly DriverStep[], opts: BenchOptions, progress: (line: string) => void): Promise<{ levels: LevelResult[]; failure: string | null }> {
  const config: DriverConfig = {
    clientAddresses: cluster.clientAddresses,
    steps,
    warmupSeconds: opts.warmupSeconds,
    secondsPerLevel: opts.secondsPerLevel,
    keySpace: KEY_SPACE,
  };
  const child = spawn(process.execPath, [DRIVER, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const orphanGuard = () => void child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const levels: LevelResult[] = [];
  let failure: string | null = null;
  let cpuAtStart = new Map<string, number>();
  let cpuAtEnd = new Map<string, number>();
  const silenceMs = (opts.warmupSeconds + opts.secondsPerLevel) * 1000 + DRAIN_TIMEOUT_MS + DRIVER_SILENCE_MS_SLACK;
  let watchdog = setTimeout(() => child.kill('SIGKILL'), silenceMs);
  const lines = createInterface({ input: child.stdout! });
  try {
    for await (const text of lines) {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => child.kill('SIGKILL'), silenceMs);
      const line: DriverLine = parseDriverLine(text);
      if (line.type === 'measure-start') cpuAtStart = sampleCpu(cluster.pids);
      else if (line.type === 'measure-end') cpuAtEnd = sampleCpu(cluster.pids);
      else if (line.type === 'result') {
        const step = steps[line.step];
        if (!step) throw new DriverError(`result for unknown step ${line.step}`);
        const level = levelResult(cluster.nodes, step, line.result, cpuDelta(cpuAtStart, cpuAtEnd));
        levels.push(level);
        progress(progressLine(level));
      } else if (line.type === 'error') failure = `driver: ${line.message}`;
      else if (line.type === 'done') break;
    }
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(watchdog);
    lines.close();
  }
  const exitTimer = setTimeout(() => child.kill('SIGKILL'), DRIVER_EXIT_TIMEOUT_MS);
  await exited;
  clearTimeout(exitTimer);
  process.off('exit', orphanGuard);
  if (failure === null && levels.length < steps.length) failure = `driver stopped after ${levels.length} of ${steps.length} levels (exit ${child.exitCode ?? child.signalCode}): ${stderr.trim()}`;
  return { levels, failure };
}

export async function runRaftbus(opts: BenchOptions, nodes: number, version: string, progress: (line: string) => void): Promise<SystemRun> {
  progress(`[bench] starting a ${nodes}-node kv-store cluster (raftbus up; data in ${opts.dataParentDir})`);
  const cluster = await startCluster({ nodes, basePort: opts.basePort, portMax: PORT_MAX, dataParentDir: opts.dataParentDir });
  let processes: NodeProcessStats[] = [];
  try {
    progress(`[bench] ${nodes} nodes up, leader ${cluster.leader}, pids ${[...cluster.pids.entries()].map(([id, pid]) => `${id}=${pid}`).join(' ')}`);
    const { levels, failure } = await drive(cluster, stepsFor(opts), opts, progress);
    if (failure) progress(`[bench] ${nodes} nodes: ${failure}\n${cluster.logTail()}`);
    processes = cluster.processStats();
    return { system: 'raftbus', nodes, version, leader: cluster.leader, processes, levels, failure };
  } finally {
    await cluster.stop();
  }
}
