import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';

export interface UpFlags {
  nodes: string;
  app: string;
  basePort: string;
  httpBasePort: string;
  data: string;
  host: string;
  tickMs?: string;
  token?: string;
}

const READY_TIMEOUT_MS = 30_000;
/** Node k's client endpoint (@raftbus/client) listens on base + CLIENT_PORT_OFFSET + k (k from 1). */
export const CLIENT_PORT_OFFSET = 50;
const STOP_GRACE_MS = 10_000;
/** Characters of a node's stderr kept to quote its last line if it exits on its own. */
const STDERR_TAIL_CHARS = 2_000;

function intFlag(value: string, field: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(field, `must be an integer from ${min} to ${max}, got ${value}`);
  return n;
}

/**
 * `raftbus up`: a local cluster of child processes on loopback, each a `raftbus start`. Logs go to
 * <data>/<id>.log; this process prints each node's URL and the leader, and stops them all on Ctrl-C.
 */
export async function upCommand(flags: UpFlags): Promise<void> {
  const n = intFlag(flags.nodes, '--nodes', 1, 7);
  const basePort = intFlag(flags.basePort, '--base-port', 1, 65000);
  const httpBasePort = intFlag(flags.httpBasePort, '--http-base-port', 1, 65000);
  const ids = Array.from({ length: n }, (_, k) => `n${k + 1}`);
  const cluster = ids.map((id, k) => `${id}=tcp://${flags.host}:${basePort + k + 1}`).join(',');
  const httpPeers = ids.map((id, k) => `${id}=http://${flags.host}:${httpBasePort + k + 1}`).join(',');
  const clientAddresses = ids.map((_, k) => `tcp://${flags.host}:${basePort + CLIENT_PORT_OFFSET + k + 1}`);
  const dataRoot = resolve(flags.data);
  mkdirSync(dataRoot, { recursive: true });
  const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
  const children = new Map<string, ChildProcess>();
  let shuttingDown = false;
  /** The exit code once every node has stopped: 1 when the cluster never came up. */
  let exitCode = 0;

  for (const [k, id] of ids.entries()) {
    const args = [cli, 'start', '--id', id, '--cluster', cluster, '--data', join(dataRoot, id), '--http', `${flags.host}:${httpBasePort + k + 1}`, '--app', flags.app, '--http-peers', httpPeers, '--client', clientAddresses[k]!];
    if (flags.tickMs) args.push('--tick-ms', flags.tickMs);
    if (flags.token) args.push('--token', flags.token);
    const log = createWriteStream(join(dataRoot, `${id}.log`), { flags: 'a' });
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    let stderrTail = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL_CHARS)));
    child.on('exit', (code, signal) => {
      children.delete(id);
      if (!shuttingDown) {
        // The node's own last words (a bad config, a corrupt log) say more than its exit code.
        const reason = stderrTail.trim().split('\n').pop()?.trim();
        console.log(`${id} exited (${signal ?? `code ${code}`})${reason ? `: ${reason}` : ''}; see ${join(dataRoot, `${id}.log`)}`);
        if (children.size === 0) {
          console.error('every node has exited; stopping');
          process.exit(1);
        }
      }
      if (children.size === 0 && shuttingDown) process.exit(exitCode);
    });
    children.set(id, child);
  }

  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping the cluster…');
    for (const c of children.values()) c.kill('SIGTERM');
    setTimeout(() => {
      for (const c of children.values()) c.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    if (children.size === 0) process.exit(exitCode);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const headers: Record<string, string> = flags.token ? { authorization: `Bearer ${flags.token}` } : {};
  const urls = ids.map((_, k) => `http://${flags.host}:${httpBasePort + k + 1}`);
  const until = Date.now() + READY_TIMEOUT_MS;
  let leader = '';
  while (Date.now() < until && !shuttingDown) {
    const statuses = await Promise.all(
      urls.map((u) =>
        fetch(`${u}/v1/status`, { headers, signal: AbortSignal.timeout(1000) })
          .then((r) => r.json() as Promise<{ leader: string }>)
          .catch(() => undefined),
      ),
    );
    leader = statuses.every((s) => s !== undefined && s.leader !== '' && s.leader === statuses[0]!.leader) ? statuses[0]!.leader : '';
    if (leader) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (shuttingDown) return;
  if (!leader) {
    console.error(`the cluster did not elect a leader within ${READY_TIMEOUT_MS / 1000} s; logs are in ${dataRoot}`);
    exitCode = 1;
    shutdown();
    return;
  }
  console.log(`raftbus: ${n}-node ${flags.app} cluster on ${flags.host} (data and logs in ${dataRoot})`);
  for (const [k, id] of ids.entries()) console.log(`  ${id}  ${urls[k]}  client ${clientAddresses[k]}${id === leader ? '   (leader)' : ''}`);
  console.log(`try: curl ${urls[0]}/v1/status`);
  console.log(`dashboard: ${urls[0]}/${flags.token ? `#token=${encodeURIComponent(flags.token)}` : ''}`);
  console.log('Ctrl-C stops every node.');
}
