// `raftbus up` when its nodes cannot start: each node's own error is printed, and up exits 1 at once
// instead of waiting for a leader that cannot come.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './helpers/up.js';

t.test('up prints why every node exited and exits 1 without waiting for an election', async (t) => {
  const data = mkdtempSync(join(tmpdir(), 'raftbus-up-fail-'));
  t.teardown(() => rmSync(data, { recursive: true, force: true }));
  const started = Date.now();
  const proc = spawn(process.execPath, [CLI, 'up', '--app', join(data, 'no-such-app.js'), '--data', data, '--base-port', '23700', '--http-base-port', '23800'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (b) => (out += b));
  proc.stderr!.on('data', (b) => (out += b));
  const killer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve(c)));
  clearTimeout(killer);
  t.equal(code, 1, 'exit code 1');
  for (const id of ['n1', 'n2', 'n3']) t.match(out, new RegExp(`${id} exited \\(code \\d+\\): raftbus: config: app: cannot load module .*no-such-app\\.js`), `${id}'s own error is quoted`);
  t.match(out, /every node has exited; stopping/);
  t.ok(Date.now() - started < 15_000, `it stopped in ${Date.now() - started} ms, not after the 30 s election wait`);
});
