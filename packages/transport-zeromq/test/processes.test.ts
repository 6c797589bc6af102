import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Message } from '@raftbus/core';
import { ZmqTransport, silentLogger } from '../src/index.js';
import { heartbeat, loopbackPeers, sleep, waitUntil } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/echo-node.mjs', import.meta.url));
const REACH_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 5_000;
const PING_INTERVAL_MS = 25;

interface Event {
  event: string;
  from?: string;
  type?: string;
  index?: number;
}

/** A node in a child process, seen through its JSON-line stdout. */
class NodeProcess {
  readonly events: Event[] = [];
  readonly exited: Promise<number | null>;
  private constructor(readonly id: string, readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => this.events.push(JSON.parse(line) as Event));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async spawn(id: string, peers: Record<string, { address: string }>): Promise<NodeProcess> {
    const child = spawn(process.execPath, [FIXTURE, JSON.stringify({ id, peers })], { stdio: ['pipe', 'pipe', 'inherit'] });
    const node = new NodeProcess(id, child);
    if (!(await waitUntil(() => node.events.some((e) => e.event === 'ready'), REACH_TIMEOUT_MS))) throw new Error(`${id} did not start`);
    return node;
  }

  command(cmd: object): void {
    this.child.stdin!.write(`${JSON.stringify(cmd)}\n`);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

t.test('nodes as separate processes: kill and restart a peer, a late joiner, clean exits', async (t) => {
  const peers = await loopbackPeers(['t0', 'a', 'b', 'c']);
  const children: NodeProcess[] = [];
  t.teardown(async () => {
    for (const c of children) if (c.alive) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
  });
  const launch = async (id: string) => {
    const node = await NodeProcess.spawn(id, peers);
    children.push(node);
    return node;
  };

  // t0 runs in this process; it pings and collects the echoes.
  const replies: Message[] = [];
  const t0 = new ZmqTransport({ peers, logger: silentLogger, reconnectIntervalMs: 20, reconnectIntervalMsMax: 200, sendTimeoutMs: 200 });
  t.teardown(() => t0.stop());
  await t0.start('t0', (m) => {
    if (m.type === 'heartbeatResponse') replies.push(m);
  });
  let pingIndex = 0;
  /** Pings `to` until an echo of a ping sent in this call comes back. */
  const reaches = async (to: string, timeoutMs = REACH_TIMEOUT_MS): Promise<boolean> => {
    const first = ++pingIndex * 1000;
    const deadline = Date.now() + timeoutMs;
    for (let i = first; Date.now() < deadline; i++) {
      t0.send([heartbeat('t0', to, i)]);
      if (await waitUntil(() => replies.some((r) => r.from === to && r.index >= first && r.index < first + 1000), PING_INTERVAL_MS)) return true;
      if (i === first + 999) break;
    }
    return false;
  };
  /** Has process `from` ask process `via` for an echo, and waits for `from` to report it. */
  const childReaches = async (from: NodeProcess, to: string): Promise<boolean> => {
    const first = ++pingIndex * 1000;
    const deadline = Date.now() + REACH_TIMEOUT_MS;
    for (let i = first; Date.now() < deadline && i < first + 1000; i++) {
      from.command({ cmd: 'send', to, index: i });
      const seen = await waitUntil(
        () => from.events.some((e) => e.event === 'recv' && e.from === to && e.type === 'heartbeatResponse' && e.index! >= first && e.index! < first + 1000),
        PING_INTERVAL_MS,
      );
      if (seen) return true;
    }
    return false;
  };

  const a = await launch('a');
  let b = await launch('b');
  t.ok(await reaches('a'), 't0 ⇄ a');
  t.ok(await reaches('b'), 't0 ⇄ b');
  t.ok(await childReaches(a, 'b'), 'a ⇄ b (process to process)');

  b.child.kill('SIGKILL');
  t.equal(await b.exited, null, 'b was killed');
  t.notOk(await reaches('b', 300), 'a killed peer does not answer');
  b = await launch('b');
  t.ok(await reaches('b'), 't0 reaches the restarted b without restarting itself');
  t.ok(await childReaches(a, 'b'), 'a reaches the restarted b without restarting itself');
  t.ok(await reaches('a'), 't0 still reaches a');

  t.notOk(await reaches('c', 300), 'c has not started yet');
  const c = await launch('c');
  t.ok(await reaches('c'), 'the late joiner c is reached');
  t.ok(await childReaches(c, 'a'), 'and reaches the others');

  for (const node of [a, b, c]) node.command({ cmd: 'stop' });
  const exits = await Promise.all(
    [a, b, c].map((node) => Promise.race([node.exited, sleep(EXIT_TIMEOUT_MS).then(() => 'still running')])),
  );
  t.same(exits, [0, 0, 0], 'after stop() every child exits by itself with code 0 (no handle left open)');
  t.ok([a, b, c].every((n) => n.events.some((e) => e.event === 'stopped')), 'each reported stopped first');
});
