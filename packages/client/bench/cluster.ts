// A local cluster of real node processes on loopback, run the way a user runs one (`raftbus up`), for
// the client's end-to-end tests and its benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The raftbus CLI, resolved as a user's project would (the server package's bin). */
export const CLI = fileURLToPath(new URL('./cli.js', import.meta.resolve('@raftbus/server')));

/** `raftbus up` puts node k's client endpoint on base + 50 + k and its HTTP API (as we ask) on base + 100 + k. */
const CLIENT_PORT_OFFSET = 50;
const HTTP_PORT_OFFSET = 100;
const UP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const POLL_MS = 50;
/** Base ports tried in turn, BASE_PORT_STEP apart, until every port a cluster needs is free. */
const BASE_PORT_TRIES_MAX = 40;
const BASE_PORT_STEP = 200;

export interface NodeStatusView {
  readonly id: string;
  readonly role: string;
  readonly leader: string;
  readonly term: number;
  readonly pid: number;
  readonly commitIndex?: number;
}

export interface LocalCluster {
  readonly ids: readonly string[];
  readonly clientAddresses: readonly string[];
  readonly httpUrls: readonly string[];
  readonly data: string;
  readonly proc: ChildProcess;
  output(): string;
  /** One node's status, or undefined when it does not answer (down). */
  status(k: number): Promise<NodeStatusView | undefined>;
  /** The node every live member agrees leads (bounded wait). */
  leader(timeoutMs?: number): Promise<{ k: number; status: NodeStatusView }>;
  stop(): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A base port at or after `preferred` whose peer, client and HTTP ports are all free now. */
export async function freeBasePort(preferred: number, nodes: number): Promise<number> {
  for (let i = 0; i < BASE_PORT_TRIES_MAX; i++) {
    const base = preferred + i * BASE_PORT_STEP;
    const ports = [0, CLIENT_PORT_OFFSET, HTTP_PORT_OFFSET].flatMap((offset) => Array.from({ length: nodes }, (_, k) => base + offset + k + 1));
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error(`no free base port from ${preferred}`);
}

export async function startCluster(opts: { app?: string; nodes?: number; basePort: number; tickMs?: number }): Promise<LocalCluster> {
  const n = opts.nodes ?? 3;
  const base = await freeBasePort(opts.basePort, n);
  const data = mkdtempSync(join(tmpdir(), 'raftbus-client-'));
  const args = [CLI, 'up', '--nodes', String(n), '--app', opts.app ?? 'counter', '--base-port', String(base), '--http-base-port', String(base + HTTP_PORT_OFFSET), '--data', data];
  if (opts.tickMs) args.push('--tick-ms', String(opts.tickMs));
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // If this process ends without stop() (a crash, a test timeout), `up` still stops its nodes.
  const orphanGuard = () => void proc.kill('SIGINT');
  process.once('exit', orphanGuard);
  let out = '';
  proc.stdout!.on('data', (b) => (out += b));
  proc.stderr!.on('data', (b) => (out += b));
  const ids = Array.from({ length: n }, (_, k) => `n${k + 1}`);
  const httpUrls = ids.map((_, k) => `http://127.0.0.1:${base + HTTP_PORT_OFFSET + k + 1}`);
  const clientAddresses = ids.map((_, k) => `tcp://127.0.0.1:${base + CLIENT_PORT_OFFSET + k + 1}`);
  const until = Date.now() + UP_TIMEOUT_MS;
  while (!out.includes('Ctrl-C stops every node')) {
    if (Date.now() > until || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      throw new Error(`raftbus up did not come up:\n${out}`);
    }
    await sleep(POLL_MS);
  }
  const status = async (k: number): Promise<NodeStatusView | undefined> => {
    try {
      const res = await fetch(`${httpUrls[k]}/v1/status`, { signal: AbortSignal.timeout(1000) });
      return (await res.json()) as NodeStatusView;
    } catch {
      return undefined;
    }
  };
  return {
    ids,
    clientAddresses,
    httpUrls,
    data,
    proc,
    output: () => out,
    status,
    async leader(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const all = await Promise.all(ids.map((_, k) => status(k)));
        const live = all.filter((s): s is NodeStatusView => s !== undefined);
        const k = all.findIndex((s) => s?.role === 'leader');
        if (k >= 0 && live.every((s) => s.leader === all[k]!.id)) return { k, status: all[k]! };
        await sleep(POLL_MS);
      }
      throw new Error(`no leader within ${timeoutMs} ms`);
    },
    async stop() {
      process.off('exit', orphanGuard);
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
        proc.kill('SIGINT');
        // `up` stops its nodes (SIGTERM, then SIGKILL after its own grace period) and exits.
        await Promise.race([exited, sleep(STOP_TIMEOUT_MS)]);
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}
