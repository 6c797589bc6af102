// `raftbus start --client tcp://…`: the config field, its validation, and a node process serving
// @raftbus/client on it.
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseNodeConfig } from '@raftbus/server';
import { RaftbusClient } from '../src/index.js';
import { CLI, freeBasePort } from '../bench/cluster.js';

const good = { id: 'n1', cluster: 'n1=tcp://127.0.0.1:7001', data: './d', http: '127.0.0.1:8001', app: 'counter' };
const START_TIMEOUT_MS = 20_000;

t.test('the client field: optional, tcp://host:port, not a peer address', async (t) => {
  t.equal(parseNodeConfig(good).client, undefined, 'absent: no client endpoint');
  t.equal(parseNodeConfig({ ...good, client: 'tcp://127.0.0.1:9001' }).client, 'tcp://127.0.0.1:9001');
  for (const bad of ['127.0.0.1:9001', 'tcp://127.0.0.1', 'ipc:///tmp/x', 42, 'tcp://127.0.0.1:7001']) {
    try {
      parseNodeConfig({ ...good, client: bad });
      t.fail(`accepted client ${JSON.stringify(bad)}`);
    } catch (e) {
      t.ok(e instanceof ConfigError && e.field === 'client', `refuses ${JSON.stringify(bad)}: ${(e as Error).message}`);
    }
  }
});

t.test('a bad --client stops `raftbus start` with exit code 2 naming the field', async (t) => {
  const r = spawnSync(process.execPath, [CLI, 'start', '--id', 'n1', '--cluster', good.cluster, '--data', '/nonexistent', '--http', good.http, '--app', 'counter', '--client', 'nowhere'], { encoding: 'utf8', timeout: 10_000 });
  t.equal(r.status, 2);
  t.match(r.stderr, /client/);
});

t.test('raftbus start --client serves @raftbus/client', async (t) => {
  const data = mkdtempSync(join(tmpdir(), 'raftbus-client-opt-'));
  const base = await freeBasePort(27000, 1);
  const [peer, client, http] = [base + 1, base + 51, base + 101];
  const proc = spawn(
    process.execPath,
    [CLI, 'start', '--id', 'solo', '--cluster', `solo=tcp://127.0.0.1:${peer}`, '--data', data, '--http', `127.0.0.1:${http}`, '--app', 'counter', '--client', `tcp://127.0.0.1:${client}`, '--tick-ms', '20'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  t.teardown(async () => {
    if (proc.exitCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
  });
  const c = new RaftbusClient({ nodes: [`tcp://127.0.0.1:${client}`], timeoutMs: START_TIMEOUT_MS });
  t.teardown(() => c.close());
  const counter = c.counter();
  t.equal(await counter.add('n', 2), 2, 'a command through the client endpoint');
  t.equal(await counter.add('n', 3), 5);
  t.equal(await counter.get('n'), 5, 'and a linearizable read');
  t.equal(c.leader, 'solo');
});
