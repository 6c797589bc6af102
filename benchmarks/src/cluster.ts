/**
 * The cluster under test, started the way a user starts one: `raftbus up --app kv-store` (separate node
 * processes, ZeroMQ between them, a RocksDB log that fdatasyncs every write) in a fresh data directory
 * that is removed when the cluster stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterStartError } from './errors.js';
import { freeBase } from './ports.js';
import { cpuSeconds, peakRssBytes } from './proc-stats.js';
import type { NodeProcessStats } from './results.js';
import { isAlive, killQuietly } from './processes.js';

const CLI = fileURLToPath(new URL('./cli.js', import.meta.resolve('@raftbus/server')));
/** `raftbus up` puts node k (from 1) on peer port base + k and client port base + 50 + k; HTTP is ours to place. */
const CLIENT_PORT_OFFSET = 50;
const HTTP_PORT_OFFSET = 100;
/** Bases tried in turn, all inside the bench's port range. */
const BASE_PORT_STEP = 200;
const BASE_PORT_TRIES_MAX = 4;
const UP_TIMEOUT_MS = 30_000;
const LEADER_TIMEOUT_MS = 15_000;
const STATUS_TIMEOUT_MS = 1_000;
const STOP_TIMEOUT_MS = 15_000;
const POLL_MS = 50;
const LOG_TAIL_BYTES = 2_000;

export interface NodeStatus {
  readonly id: string;
  readonly role: string;
  readonly leader: string;
  readonly pid: number;
}

export interface BenchCluster {
  readonly nodes: number;
  readonly ids: readonly string[];
  readonly clientAddresses: readonly string[];
  readonly dataDir: string;
  readonly leader: string;
  /** Node id → pid of its `raftbus start` process (from /v1/status). */
  readonly pids: ReadonlyMap<string, number>;
  /** CPU seconds and peak RSS of every node, read now (call just before stop). */
  processStats(): NodeProcessStats[];
  /** Last lines of every node's log, for an error message. */
  logTail(): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function status(url: string): Promise<NodeStatus | undefined> {
  try {
    const res = await fetch(`${url}/v1/status`, { signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) });
    return (await res.json()) as NodeStatus;
  } catch {
    return undefined;
  }
}

/** Every node answers and all name the same leader (bounded wait). */
async function agreedStatuses(urls: readonly string[]): Promise<NodeStatus[]> {
  const deadline = Date.now() + LEADER_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const all = await Promise.all(urls.map(status));
    if (all.every((s) => s !== undefined && s.leader !== '' && s.leader === all[0]!.leader)) return all as NodeStatus[];
    await sleep(POLL_MS);
  }
  throw new ClusterStartError(`no leader every node agrees on within ${LEADER_TIMEOUT_MS} ms`);
}

export async function startCluster(opts: { nodes: number; basePort: number; portMax: number; dataParentDir: string }): Promise<BenchCluster> {
  const n = opts.nodes;
  const offsets = [0, CLIENT_PORT_OFFSET, HTTP_PORT_OFFSET].flatMap((o) => Array.from({ length: n }, (_, k) => o + k + 1));
  const base = await freeBase(Array.from({ length: BASE_PORT_TRIES_MAX }, (_, i) => opts.basePort + i * BASE_PORT_STEP), offsets, opts.portMax);
  const dataDir = mkdtempSync(join(opts.dataParentDir, 'raftbus-bench-'));
  const ids = Array.from({ length: n }, (_, k) => `n${k + 1}`);
  const httpUrls = ids.map((_, k) => `http://127.0.0.1:${base + HTTP_PORT_OFFSET + k + 1}`);
  const clientAddresses = ids.map((_, k) => `tcp://127.0.0.1:${base + CLIENT_PORT_OFFSET + k + 1}`);
  const args = [CLI, 'up', '--nodes', String(n), '--app', 'kv-store', '--base-port', String(base), '--http-base-port', String(base + HTTP_PORT_OFFSET), '--data', dataDir];
  const proc: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  let nodePids: number[] = [];
  // If the bench dies without stop() (an exception, Ctrl-C), no node may outlive it.
  const orphanGuard = () => {
    for (const pid of nodePids) killQuietly(pid, 'SIGKILL');
    if (proc.pid !== undefined) killQuietly(proc.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', orphanGuard);

  const logTail = () =>
    ids
      .map((id) => {
        try {
          return `--- ${id}.log\n${readFileSync(join(dataDir, `${id}.log`), 'utf8').slice(-LOG_TAIL_BYTES)}`;
        } catch {
          return `--- ${id}.log (none)`;
        }
      })
      .join('\n');

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      // `up` stops its nodes (SIGTERM, then SIGKILL after its own grace period) and exits.
      const killTimer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
      proc.kill('SIGINT');
      await exited;
      clearTimeout(killTimer);
    }
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (nodePids.some(isAlive) && Date.now() < deadline) await sleep(POLL_MS);
    for (const pid of nodePids) if (isAlive(pid)) killQuietly(pid, 'SIGKILL');
    process.off('exit', orphanGuard);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const until = Date.now() + UP_TIMEOUT_MS;
    while (!out.includes('Ctrl-C stops every node')) {
      if (Date.now() > until || proc.exitCode !== null) throw new ClusterStartError(`raftbus up did not come up:\n${out}`);
      await sleep(POLL_MS);
    }
    const statuses = await agreedStatuses(httpUrls);
    nodePids = statuses.map((s) => s.pid);
    const pids = new Map(statuses.map((s) => [s.id, s.pid] as const));
    const roles = new Map(statuses.map((s) => [s.id, s.role] as const));
    return {
      nodes: n,
      ids,
      clientAddresses,
      dataDir,
      leader: statuses[0]!.leader,
      pids,
      processStats: () =>
        ids.map((id) => {
          const pid = pids.get(id)!;
          return { id, pid, role: roles.get(id) ?? '', cpuSeconds: cpuSeconds(pid) ?? Number.NaN, peakRssBytes: peakRssBytes(pid) ?? Number.NaN };
        }),
      logTail,
      stop,
    };
  } catch (err) {
    const tail = logTail();
    await stop();
    throw new ClusterStartError(`${err instanceof ClusterStartError ? err.detail : String(err)}\n${tail}`);
  }
}
