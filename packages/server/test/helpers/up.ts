// Runs `raftbus up` as a user would (a child process of the built CLI) for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface UpCluster {
  readonly urls: string[];
  readonly data: string;
  readonly proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function up(opts: { app: string; nodes?: number; basePort: number; data?: string; tickMs?: number }): Promise<UpCluster> {
  const n = opts.nodes ?? 3;
  const data = opts.data ?? mkdtempSync(join(tmpdir(), 'raftbus-e2e-'));
  const args = [CLI, 'up', '--nodes', String(n), '--app', opts.app, '--base-port', String(opts.basePort), '--http-base-port', String(opts.basePort + 100), '--data', data];
  if (opts.tickMs) args.push('--tick-ms', String(opts.tickMs));
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (b) => (out += b));
  proc.stderr!.on('data', (b) => (out += b));
  const urls = Array.from({ length: n }, (_, k) => `http://127.0.0.1:${opts.basePort + 100 + k + 1}`);
  const until = Date.now() + 30_000;
  while (!out.includes('Ctrl-C stops every node')) {
    if (Date.now() > until || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      throw new Error(`raftbus up did not come up:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    urls,
    data,
    proc,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGINT');
      }),
  };
}

export async function json(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}, timeoutMs = 5000) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    signal: AbortSignal.timeout(timeoutMs),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** The leader's URL and pid as the cluster reports it (bounded wait). */
export async function findLeader(urls: string[], timeoutMs = 15_000): Promise<{ url: string; pid: number; id: string }> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const u of urls) {
      try {
        const s = (await json(`${u}/v1/status`, 'GET', undefined, {}, 1000)).body;
        if (s.role === 'leader') return { url: u, pid: s.pid, id: s.id };
      } catch {
        // down or slow: try the next one
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no leader found');
}
