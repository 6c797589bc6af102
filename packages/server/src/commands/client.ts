import type { Command } from 'commander';

/** Calls a node's HTTP API and prints the JSON answer; a non-2xx answer exits 1 with the error. */
async function call(node: string, method: string, path: string, body?: unknown): Promise<void> {
  const token = process.env['RAFTBUS_TOKEN'];
  const res = await fetch(`${node.replace(/\/$/, '')}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let out: unknown = text;
  try {
    out = JSON.parse(text);
  } catch {
    // not JSON: print as is
  }
  console.log(typeof out === 'string' ? out : JSON.stringify(out, null, 2));
  if (!res.ok) process.exitCode = 1;
}

const enc = encodeURIComponent;
const number = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
  return n;
};

/** `raftbus status|kv|lock|counter …` against a node's HTTP address (--node, default http://127.0.0.1:8001). */
export function addClientCommands(program: Command): void {
  const withNode = (c: Command) => c.option('--node <url>', 'HTTP address of any node', 'http://127.0.0.1:8001');

  withNode(program.command('status').description("print a node's status")).action((o) => call(o.node, 'GET', '/v1/status'));
  withNode(program.command('cluster').description("print every member's view")).action((o) => call(o.node, 'GET', '/v1/cluster'));

  const kv = program.command('kv').description('the kv-store app');
  withNode(kv.command('get <key>').option('--stale', 'serve from the node without ReadIndex')).action((key, o) => call(o.node, 'GET', `/v1/kv/${enc(key)}${o.stale ? '?stale=true' : ''}`));
  withNode(kv.command('put <key> <value>')).action((key, value, o) => call(o.node, 'PUT', `/v1/kv/${enc(key)}`, { value }));
  withNode(kv.command('delete <key>')).action((key, o) => call(o.node, 'DELETE', `/v1/kv/${enc(key)}`));
  withNode(kv.command('cas <key> <expected> <value>').description('expected "null" means: the key must be absent')).action((key, expected, value, o) =>
    call(o.node, 'POST', `/v1/kv/${enc(key)}/cas`, { expected: expected === 'null' ? null : expected, value }),
  );

  const lock = program.command('lock').description('the lock-service app');
  withNode(lock.command('acquire <name> <owner>').option('--ttl-ms <ms>', 'lease length', '10000').option('--wait-ms <ms>', 'wait in line this long', '0')).action((name, owner, o) =>
    call(o.node, 'POST', `/v1/locks/${enc(name)}/acquire`, { owner, ttlMs: number(o.ttlMs), waitMs: number(o.waitMs) }),
  );
  withNode(lock.command('renew <name> <owner> <token>').option('--ttl-ms <ms>', 'new lease length', '10000')).action((name, owner, token, o) =>
    call(o.node, 'POST', `/v1/locks/${enc(name)}/renew`, { owner, token: number(token), ttlMs: number(o.ttlMs) }),
  );
  withNode(lock.command('release <name> <owner> <token>')).action((name, owner, token, o) => call(o.node, 'POST', `/v1/locks/${enc(name)}/release`, { owner, token: number(token) }));
  withNode(lock.command('status <name>')).action((name, o) => call(o.node, 'GET', `/v1/locks/${enc(name)}`));

  const counter = program.command('counter').description('the counter app');
  withNode(counter.command('add <name> <delta>')).action((name, delta, o) => call(o.node, 'POST', `/v1/counters/${enc(name)}/add`, { delta: number(delta) }));
  withNode(counter.command('get <name>')).action((name, o) => call(o.node, 'GET', `/v1/counters/${enc(name)}`));
}
