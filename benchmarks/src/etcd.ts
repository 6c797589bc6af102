/**
 * `--compare etcd`: the same workload shape against a 3-member etcd on loopback (../shared/peer-bench),
 * driven by its Go load generator (`etcdbench -conc N -n M -size P`), in the same run. etcd keeps its
 * default fsync. The cluster script wipes its data directory on start; this module gives it a fresh one
 * under the bench's data parent and removes it after stop.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { BenchOptions } from './args.js';
import { EtcdRunError } from './errors.js';
import { progressLine } from './format.js';
import { portFree } from './ports.js';
import { cpuDelta, cpuSeconds, peakRssBytes, sampleCpu } from './proc-stats.js';
import type { LevelResult, NodeProcessStats, SystemRun } from './results.js';
import { isAlive, killQuietly } from './processes.js';

/** etcd-cluster.sh's fixed client and peer ports (outside the bench's range; set by the shared script). */
const ETCD_PORTS = [12379, 22379, 32379, 12380, 22380, 32380];
const SCRIPT_TIMEOUT_MS = 30_000;
const MEMBER_EXIT_TIMEOUT_MS = 10_000;
const POLL_MS = 50;
const WARMUP_PUTS = 1_000;
/** Guesses of etcd's rate here (DESIGN.md: ~1.1k/s at 1 client, ~12k/s at 256), to size -n to the window. */
const ETCD_RATE_SEQUENTIAL = 1_100;
const ETCD_RATE_MAX = 12_000;
const PUTS_PER_RUN_MAX = 1_000_000;
/** A generator run may take this many times its planned window (plus slack) before it is killed. */
const RUN_TIME_FACTOR_MAX = 6;
const RUN_TIME_MS_SLACK = 20_000;

export interface EtcdbenchLine {
  readonly conc: number;
  readonly putsPerSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

/** The generator's summary line: `conc=N puts/s=… p50_us=… p99_us=…` (null when `output` has none). */
export function parseEtcdbenchLine(output: string): EtcdbenchLine | null {
  const m = /conc=(\d+)\s+puts\/s=(\d+(?:\.\d+)?)\s+p50_us=(\d+)\s+p99_us=(\d+)/.exec(output);
  if (!m) return null;
  return { conc: Number(m[1]), putsPerSecond: Number(m[2]), p50Us: Number(m[3]), p99Us: Number(m[4]) };
}

/** Puts for one generator run: about `seconds` of work at etcd's expected rate for `conc` clients. */
export function putsFor(conc: number, seconds: number): number {
  const rate = Math.min(ETCD_RATE_MAX, ETCD_RATE_SEQUENTIAL * conc ** 0.6);
  return Math.min(PUTS_PER_RUN_MAX, Math.max(conc * 4, Math.round(rate * seconds)));
}

export interface EtcdTools {
  readonly etcd: string;
  readonly etcdbench: string;
  readonly script: string;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** The tools the comparison needs, or why it cannot run. */
export function findEtcdTools(opts: Pick<BenchOptions, 'etcdbenchPath' | 'peerBenchDir'>): EtcdTools | { missing: string } {
  const etcd = onPath('etcd');
  if (!etcd) return { missing: 'etcd is not on PATH (apt-get install -y etcd-server etcd-client)' };
  const script = join(opts.peerBenchDir, 'etcd-cluster.sh');
  if (!existsSync(script)) return { missing: `${script} not found (--peer-bench DIR)` };
  try {
    accessSync(opts.etcdbenchPath, constants.X_OK);
  } catch {
    return { missing: `the Go load generator ${opts.etcdbenchPath} is missing (${join(opts.peerBenchDir, 'build-etcdbench.sh')} ${opts.etcdbenchPath}, or --etcdbench PATH)` };
  }
  return { etcd, etcdbench: opts.etcdbenchPath, script };
}

function run(file: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new EtcdRunError(`${file} ${args.join(' ')}: ${err.message.split('\n')[0]} ${stderr.slice(-500)}`));
      else resolve(stdout);
    });
  });
}

export async function etcdVersion(etcd: string): Promise<string> {
  const out = await run(etcd, ['--version'], 5_000).catch(() => '');
  return /etcd Version:\s*(\S+)/.exec(out)?.[1] ?? 'unknown';
}

function memberPids(dataDir: string): Map<string, number> {
  const lines = readFileSync(join(dataDir, 'pids'), 'utf8').split('\n').filter(Boolean);
  return new Map(lines.map((pid, i) => [`e${i + 1}`, Number(pid)] as const));
}

async function stopMembers(tools: EtcdTools, dataDir: string, pids: ReadonlyMap<string, number>): Promise<void> {
  await run('bash', [tools.script, 'stop', dataDir], SCRIPT_TIMEOUT_MS).catch(() => undefined);
  // The script signals and returns; the members must be gone before their directory is removed.
  const deadline = Date.now() + MEMBER_EXIT_TIMEOUT_MS;
  while ([...pids.values()].some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, POLL_MS));
  for (const pid of pids.values()) if (isAlive(pid)) killQuietly(pid);
  rmSync(dataDir, { recursive: true, force: true });
}

async function level(tools: EtcdTools, pids: ReadonlyMap<string, number>, payloadBytes: number, conc: number, seconds: number): Promise<LevelResult> {
  const puts = putsFor(conc, seconds);
  const before = sampleCpu(pids);
  const out = await run(tools.etcdbench, ['-conc', String(conc), '-n', String(puts), '-size', String(payloadBytes)], seconds * 1000 * RUN_TIME_FACTOR_MAX + RUN_TIME_MS_SLACK);
  const nodeCpuSeconds = cpuDelta(before, sampleCpu(pids));
  const parsed = parseEtcdbenchLine(out);
  if (!parsed) throw new EtcdRunError(`no summary line in the generator's output: ${out.slice(0, 300)}`);
  return {
    system: 'etcd',
    nodes: pids.size,
    payloadBytes,
    mode: 'closed',
    inFlight: conc,
    offeredPerSecond: null,
    seconds: Math.round((puts / parsed.putsPerSecond) * 1000) / 1000,
    commits: puts,
    commitsPerSecond: parsed.putsPerSecond,
    latencyMs: { p50: parsed.p50Us / 1000, p90: null, p99: parsed.p99Us / 1000, p999: null, max: null, mean: null },
    errors: 0,
    errorCodes: {},
    skipped: 0,
    nodeCpuSeconds,
    clientCpuSeconds: null,
    histogram: null,
  };
}

/** The comparison run; throws EtcdRunError (the caller reports it and carries on) if etcd cannot run. */
export async function runEtcd(opts: BenchOptions, tools: EtcdTools, progress: (line: string) => void): Promise<SystemRun> {
  const busy = (await Promise.all(ETCD_PORTS.map(async (p) => ((await portFree(p)) ? null : p)))).filter((p) => p !== null);
  if (busy.length > 0) throw new EtcdRunError(`ports ${busy.join(', ')} are in use (another etcd-cluster.sh running?)`);
  const version = await etcdVersion(tools.etcd);
  const dataDir = mkdtempSync(join(opts.dataParentDir, 'raftbus-bench-etcd-'));
  progress(`[bench] starting a 3-member etcd ${version} (${tools.script}; data in ${dataDir})`);
  let pids = new Map<string, number>();
  // If the bench dies mid-run (Ctrl-C), no member may outlive it nor its directory stay behind.
  const orphanGuard = () => {
    for (const pid of pids.values()) if (isAlive(pid)) killQuietly(pid);
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', orphanGuard);
  try {
    await run('bash', [tools.script, 'start', dataDir], SCRIPT_TIMEOUT_MS);
    pids = memberPids(dataDir);
    const levels: LevelResult[] = [];
    let failure: string | null = null;
    try {
      for (const payloadBytes of opts.payloadSizes) {
        await run(tools.etcdbench, ['-conc', '16', '-n', String(WARMUP_PUTS), '-size', String(payloadBytes)], SCRIPT_TIMEOUT_MS);
        for (const conc of opts.inFlightLevels) {
          const l = await level(tools, pids, payloadBytes, conc, opts.secondsPerLevel);
          levels.push(l);
          progress(progressLine(l));
        }
      }
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
      progress(`[bench] etcd: ${failure}`);
    }
    const processes: NodeProcessStats[] = [...pids].map(([id, pid]) => ({ id, pid, role: '', cpuSeconds: cpuSeconds(pid) ?? Number.NaN, peakRssBytes: peakRssBytes(pid) ?? Number.NaN }));
    return { system: 'etcd', nodes: 3, version, leader: '', processes, levels, failure };
  } finally {
    await stopMembers(tools, dataDir, pids);
    process.off('exit', orphanGuard);
  }
}
