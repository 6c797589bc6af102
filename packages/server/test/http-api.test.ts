import t from 'tap';
import { MemoryLogStore, MemoryNetwork, MemoryTransport, silentLogger } from '@raftbus/core';
import { parseNodeConfig } from '../src/config.js';
import { runNode, type RunningNode } from '../src/node-runner.js';

async function cluster(app: string, extra: Record<string, unknown> = {}): Promise<RunningNode[]> {
  const network = new MemoryNetwork();
  const ids = ['n1', 'n2', 'n3'];
  const members = Object.fromEntries(ids.map((id, k) => [id, `tcp://127.0.0.1:${17001 + k}`]));
  return Promise.all(
    ids.map((id) =>
      runNode(parseNodeConfig({ id, cluster: members, data: '/unused', http: '127.0.0.1:0', app, tickMs: 10, ...extra }), {
        logStore: new MemoryLogStore(),
        transport: new MemoryTransport(network),
        logger: silentLogger,
      }),
    ),
  );
}

async function call(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function leaderOf(nodes: RunningNode[]) {
  for (let k = 0; k < 500; k++) {
    const l = nodes.find((n) => n.node.isLeader);
    if (l) return l;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no leader');
}

t.test('counter API: any node accepts writes and linearizable reads; status and log describe the node', async (t) => {
  const nodes = await cluster('counter');
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  await leaderOf(nodes);
  const [a, b, c] = nodes as [RunningNode, RunningNode, RunningNode];
  t.same((await call(`${a.url}/v1/counters/hits/add`, 'POST', { delta: 2 })).body, { value: 2 });
  t.same((await call(`${b.url}/v1/counters/hits/add`, 'POST', { delta: 3 })).body, { value: 5 });
  t.same((await call(`${c.url}/v1/counters/hits`, 'GET')).body, { value: 5 });
  const status = (await call(`${a.url}/v1/status`, 'GET')).body;
  t.equal(status.id, 'n1');
  t.ok(['leader', 'follower'].includes(status.role));
  t.ok(status.commit >= 3);
  const log = (await call(`${a.url}/v1/log?limit=10`, 'GET')).body;
  t.ok(log.entries.length >= 3, 'log viewer entries');
  t.ok(log.entries.some((e: any) => e.type === 'noop') && log.entries.some((e: any) => e.type === 'command'));
});

t.test('Idempotency-Key: a retried write applies once and returns the first result', async (t) => {
  const nodes = await cluster('counter');
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  await leaderOf(nodes);
  const h = { 'idempotency-key': 'req-42' };
  const first = await call(`${nodes[0]!.url}/v1/counters/x/add`, 'POST', { delta: 10 }, h);
  const retry = await call(`${nodes[1]!.url}/v1/counters/x/add`, 'POST', { delta: 10 }, h);
  t.same(first.body, { value: 10 });
  t.same(retry.body, { value: 10 }, 'the retry gets the first result');
  t.same((await call(`${nodes[2]!.url}/v1/counters/x`, 'GET')).body, { value: 10 }, 'applied once');
});

t.test('bad input gets 4xx JSON errors and the node keeps serving', async (t) => {
  const nodes = await cluster('counter');
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  await leaderOf(nodes);
  const url = nodes[0]!.url;
  const cases: Array<[string, string, unknown, number, string]> = [
    ['malformed JSON', `${url}/v1/counters/a/add`, '{"delta": ', 400, 'BAD_JSON'],
    ['wrong type', `${url}/v1/counters/a/add`, { delta: 'five' }, 400, 'BAD_REQUEST'],
    ['not an object', `${url}/v1/counters/a/add`, [1, 2], 400, 'BAD_REQUEST'],
    ['missing field', `${url}/v1/counters/a/add`, {}, 400, 'BAD_REQUEST'],
    ['oversized body', `${url}/v1/counters/a/add`, JSON.stringify({ delta: 1, pad: 'x'.repeat(2 << 20) }), 413, 'PAYLOAD_TOO_LARGE'],
    ['unknown route', `${url}/v1/nope`, undefined, 404, 'NOT_FOUND'],
  ];
  for (const [what, u, body, status, code] of cases) {
    const r = await call(u, 'POST', body);
    t.equal(r.status, status, `${what}: ${status}`);
    t.equal(r.body.error?.code, code, `${what}: ${code}`);
    t.type(r.body.error?.message, 'string');
  }
  const wrongMethod = await call(`${url}/v1/status`, 'DELETE');
  t.equal(wrongMethod.status, 405);
  const badLimit = await call(`${url}/v1/log?limit=0`, 'GET');
  t.equal(badLimit.status, 400);
  t.same((await call(`${url}/v1/counters/a/add`, 'POST', { delta: 1 })).body, { value: 1 }, 'still serving');
});

t.test('a bearer token, when set, is required on every request', async (t) => {
  const nodes = await cluster('counter', { token: 'sekret-token' });
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  const url = nodes[0]!.url;
  t.equal((await call(`${url}/v1/status`, 'GET')).status, 401);
  t.equal((await call(`${url}/v1/status`, 'GET', undefined, { authorization: 'Bearer wrong-token!' })).status, 401);
  t.equal((await call(`${url}/v1/status`, 'GET', undefined, { authorization: 'Bearer sekret-token' })).status, 200);
});
