import { EntryType, MessageType, type Message, type NodeId, type Transport } from '@raftbus/core';
import type { AssertionMessage } from './suite-test.js';

/**
 * The Transport compliance suite: every Transport implementation runs it (abstract-level style).
 *
 *     import t from 'tap';
 *     import { transportSuite } from '@raftbus/testkit';
 *     transportSuite(t, { name: 'memory', orderedPerLink: true, createCluster: () => { ... } });
 */

/** The part of a tap `Test` the suite uses (structural, so testkit does not depend on tap). */
export interface TransportSuiteTest {
  test(name: string, fn: (t: TransportSuiteTest) => Promise<void>): unknown;
  ok(value: unknown, ...message: AssertionMessage): unknown;
  equal(found: unknown, wanted: unknown, ...message: AssertionMessage): unknown;
  same(found: unknown, wanted: unknown, ...message: AssertionMessage): unknown;
  doesNotThrow(fn: () => unknown, ...message: AssertionMessage): unknown;
  comment(message: string): unknown;
  teardown(fn: () => unknown): unknown;
}

/** Transports for one test; nodes may be created again under the same id (a restart). */
export interface TransportCluster {
  /** A new, unstarted Transport for node `id`, able to reach every other id of the cluster. */
  create(id: NodeId): Transport;
  /** Release what the cluster shares (after every transport of the test was stopped). Idempotent. */
  close(): Promise<void>;
}

export interface TransportFactory {
  readonly name: string;
  /** Messages between one pair of nodes arrive in send order (snapshot messages excepted). */
  readonly orderedPerLink: boolean;
  createCluster(ids: readonly NodeId[]): TransportCluster | Promise<TransportCluster>;
  /** How long the suite waits for a delivery (connection set-up included). Default 10 s. */
  readonly deliveryTimeoutMs?: number;
}

const POLL_INTERVAL_MS = 5;
const WARMUP_ROUNDS_MAX = 400;
const ORDERED_MESSAGES_TOTAL = 2000;
const ORDERED_BATCH_MESSAGES = 50;
const LARGE_ENTRY_BYTES = 256 * 1024;
const LARGE_ENTRIES = 8;
const SNAPSHOT_BYTES = 5 * 1024 * 1024 + 123;
const RESTART_ATTEMPTS_MAX = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function base(type: MessageType, from: NodeId, to: NodeId): Message {
  return { type, from, to, term: 3, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 };
}

/** One message of every type, with every optional field somewhere. */
export function sampleMessages(from: NodeId, to: NodeId): Message[] {
  const m = (type: MessageType, extra: Partial<Message>): Message => ({ ...base(type, from, to), ...extra });
  return [
    m(MessageType.Append, {
      logTerm: 2,
      index: 10,
      commit: 9,
      entries: [
        { index: 11, term: 3, type: 0, data: pattern(100, 1) },
        { index: 12, term: 3, type: 1, data: new Uint8Array(0) },
      ],
    }),
    m(MessageType.AppendResponse, { index: 12, reject: true, logTerm: 2, rejectHint: 7 }),
    m(MessageType.Vote, { logTerm: 2, index: 12, transfer: true }),
    m(MessageType.VoteResponse, { reject: true }),
    m(MessageType.PreVote, { term: 4, logTerm: 2, index: 12 }),
    m(MessageType.PreVoteResponse, { term: 4 }),
    m(MessageType.Heartbeat, { commit: 12, index: 5 }),
    m(MessageType.HeartbeatResponse, { index: 5 }),
    m(MessageType.Snapshot, {
      snapshot: {
        meta: { index: 50, term: 3, confState: { voters: ['a', 'b'], learners: ['c'], votersOutgoing: ['a'] } },
        data: pattern(3000, 2),
      },
    }),
    m(MessageType.TimeoutNow, {}),
    m(MessageType.ReadIndex, { context: pattern(8, 3) }),
    m(MessageType.ReadIndexResponse, { index: 12, context: new Uint8Array(0) }),
    m(MessageType.TransferLeader, { transferee: to }),
    m(MessageType.Propose, { entries: [{ index: 0, term: 0, type: EntryType.Normal, data: pattern(64, 4) }] }),
  ];
}

/** A canonical string of a message: equal strings ⇔ equal messages (bytes compared as hex). */
export function messageKey(msg: Message): string {
  return JSON.stringify(msg, (_key, value: unknown) =>
    value instanceof Uint8Array ? `hex:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}` : value,
  );
}

/** A started node and everything it received. */
class Node {
  readonly received: Message[] = [];
  constructor(
    readonly id: NodeId,
    readonly transport: Transport,
  ) {}

  static async start(cluster: TransportCluster, id: NodeId): Promise<Node> {
    const transport = cluster.create(id);
    const node = new Node(id, transport);
    await transport.start(id, (msg) => node.received.push(msg));
    return node;
  }

  from(sender: NodeId): Message[] {
    return this.received.filter((m) => m.from === sender);
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(POLL_INTERVAL_MS);
  }
  return true;
}

/** Sends heartbeats on every link until each has delivered one: connections are set up; then clears. */
async function warmUp(nodes: readonly Node[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; round < WARMUP_ROUNDS_MAX && Date.now() < deadline; round++) {
    for (const a of nodes) {
      const missing = nodes.filter((b) => b !== a && !b.received.some((m) => m.from === a.id));
      a.transport.send(missing.map((b) => ({ ...base(MessageType.Heartbeat, a.id, b.id), index: 0 })));
    }
    await sleep(20);
    if (nodes.every((b) => nodes.every((a) => a === b || b.received.some((m) => m.from === a.id)))) {
      // Late warm-up messages may still arrive; let them land before tests count.
      await sleep(50);
      for (const n of nodes) n.received.length = 0;
      return true;
    }
  }
  return false;
}

async function withCluster(
  t: TransportSuiteTest,
  factory: TransportFactory,
  ids: readonly NodeId[],
  body: (nodes: Node[], cluster: TransportCluster) => Promise<void>,
): Promise<void> {
  const cluster = await factory.createCluster(ids);
  const nodes: Node[] = [];
  t.teardown(async () => {
    await Promise.all(nodes.map((n) => n.transport.stop()));
    await cluster.close();
  });
  for (const id of ids) nodes.push(await Node.start(cluster, id));
  t.ok(await warmUp(nodes, factory.deliveryTimeoutMs ?? 10_000), 'every link delivers (warm-up)');
  await body(nodes, cluster);
}

export function transportSuite(t: TransportSuiteTest, factory: TransportFactory): void {
  const timeoutMs = factory.deliveryTimeoutMs ?? 10_000;
  const ids = ['n1', 'n2', 'n3'] as const;

  t.test(`${factory.name}: delivers every message type between 3 nodes, intact`, async (t) => {
    await withCluster(t, factory, ids, async (nodes) => {
      for (const a of nodes) a.transport.send(nodes.filter((b) => b !== a).flatMap((b) => sampleMessages(a.id, b.id)));
      const perLink = sampleMessages('x', 'y').length;
      t.ok(await waitUntil(() => nodes.every((n) => n.received.length >= 2 * perLink), timeoutMs), 'all arrived');
      for (const b of nodes) {
        t.ok(b.received.every((m) => m.to === b.id), `${b.id} only receives messages addressed to it`);
        for (const a of nodes) {
          if (a === b) continue;
          const got = b.from(a.id).map(messageKey).sort();
          const sent = sampleMessages(a.id, b.id).map(messageKey).sort();
          t.same(got, sent, `${a.id} → ${b.id}: every field of every message`);
        }
      }
    });
  });

  if (factory.orderedPerLink) {
    t.test(`${factory.name}: keeps send order on each link`, async (t) => {
      await withCluster(t, factory, ids, async ([n1, n2, n3]) => {
        for (let first = 1; first <= ORDERED_MESSAGES_TOTAL; first += ORDERED_BATCH_MESSAGES) {
          for (const sender of [n1!, n3!]) {
            const batch: Message[] = [];
            for (let i = first; i < first + ORDERED_BATCH_MESSAGES; i++) batch.push({ ...base(MessageType.Heartbeat, sender.id, 'n2'), index: i });
            sender.transport.send(batch);
          }
          // Yield now and then, as a Raft node between Readies would.
          if (first % 500 === 1) await sleep(0);
        }
        const complete = await waitUntil(() => n2!.received.length >= 2 * ORDERED_MESSAGES_TOTAL, timeoutMs);
        t.ok(complete, `n2 received ${n2!.received.length}/${2 * ORDERED_MESSAGES_TOTAL}`);
        for (const sender of ['n1', 'n3']) {
          const indexes = n2!.from(sender).map((m) => m.index);
          t.ok(indexes.every((v, i) => v === i + 1), `${sender} → n2 arrives in send order, none missing`);
        }
      });
    });
  }

  t.test(`${factory.name}: large messages arrive intact`, async (t) => {
    await withCluster(t, factory, ids, async ([n1, n2]) => {
      const entries = Array.from({ length: LARGE_ENTRIES }, (_, i) => ({ index: i + 1, term: 1, type: 0 as const, data: pattern(LARGE_ENTRY_BYTES, 10 + i) }));
      const big: Message = { ...base(MessageType.Append, 'n1', 'n2'), entries };
      n1!.transport.send([big]);
      t.ok(await waitUntil(() => n2!.received.length >= 1, timeoutMs), `a ${LARGE_ENTRIES * LARGE_ENTRY_BYTES}-byte append arrived`);
      t.ok(n2!.received.length === 1 && messageKey(n2!.received[0]!) === messageKey(big), 'byte for byte');
    });
  });

  t.test(`${factory.name}: snapshot messages arrive intact, and traffic continues after them`, async (t) => {
    await withCluster(t, factory, ids, async ([n1, n2, n3]) => {
      const snapshot: Message = {
        ...base(MessageType.Snapshot, 'n1', 'n2'),
        snapshot: {
          meta: { index: 1000, term: 3, confState: { voters: ['n1', 'n2', 'n3'], learners: ['n4'], votersOutgoing: ['n1', 'n2', 'n5'] } },
          data: pattern(SNAPSHOT_BYTES, 99),
        },
      };
      n1!.transport.send([snapshot]);
      n3!.transport.send([{ ...snapshot, from: 'n3' }]);
      t.ok(await waitUntil(() => n2!.received.length >= 2, timeoutMs), 'two snapshots arrived');
      for (const from of ['n1', 'n3']) {
        const got = n2!.from(from);
        t.ok(got.length === 1 && messageKey(got[0]!) === messageKey({ ...snapshot, from }), `snapshot from ${from}, byte for byte`);
      }
      n1!.transport.send([{ ...base(MessageType.Heartbeat, 'n1', 'n2'), index: 7 }]);
      t.ok(await waitUntil(() => n2!.received.some((m) => m.type === MessageType.Heartbeat), timeoutMs), 'a heartbeat follows');
    });
  });

  t.test(`${factory.name}: a message to an unknown node is dropped without throwing`, async (t) => {
    await withCluster(t, factory, ids, async ([n1, n2]) => {
      t.doesNotThrow(() =>
        n1!.transport.send([
          { ...base(MessageType.Heartbeat, 'n1', 'nobody'), index: 1 },
          { ...base(MessageType.Heartbeat, 'n1', 'n2'), index: 2 },
          { ...base(MessageType.Heartbeat, 'n1', ''), index: 3 },
        ]),
      );
      t.ok(await waitUntil(() => n2!.received.length >= 1, timeoutMs), 'the message to a known node still arrives');
      await sleep(50);
      t.same(n2!.received.map((m) => m.index), [2], 'and only it');
    });
  });

  t.test(`${factory.name}: stop() is idempotent, send() after it is a no-op, and no handle is left`, async (t) => {
    const before = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout').sort();
    await withCluster(t, factory, ids, async (nodes) => {
      await Promise.all(nodes.flatMap((n) => [n.transport.stop(), n.transport.stop()]));
      for (const n of nodes) await n.transport.stop();
      t.doesNotThrow(() => nodes[0]!.transport.send([{ ...base(MessageType.Heartbeat, 'n1', 'n2'), index: 1 }]));
      await sleep(50);
      t.equal(nodes[1]!.received.length, 0, 'nothing is delivered after stop');
    });
    const settled = await waitUntil(() => {
      const now = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout').sort();
      return now.length <= before.length && now.every((r, i) => r === before[i]);
    }, timeoutMs);
    t.ok(settled, `active resources back to [${before.join(', ')}]: [${process.getActiveResourcesInfo().join(', ')}]`);
  });

  t.test(`${factory.name}: a restarted peer receives and sends again, the others untouched`, async (t) => {
    await withCluster(t, factory, ids, async (nodes, cluster) => {
      const [n1, n2, n3] = nodes as [Node, Node, Node];
      await n2.transport.stop();
      n1.transport.send([{ ...base(MessageType.Heartbeat, 'n1', 'n2'), index: 1 }]);
      const restarted = await Node.start(cluster, 'n2');
      nodes[1] = restarted;
      let resumed = false;
      // Raft resends on every heartbeat tick; do the same until the new incarnation hears n1 and n3.
      for (let attempt = 0; attempt < RESTART_ATTEMPTS_MAX && !resumed; attempt++) {
        n1.transport.send([{ ...base(MessageType.Heartbeat, 'n1', 'n2'), index: 100 + attempt }]);
        n3.transport.send([{ ...base(MessageType.Heartbeat, 'n3', 'n2'), index: 100 + attempt }]);
        restarted.transport.send([{ ...base(MessageType.Heartbeat, 'n2', 'n1'), index: 100 + attempt }]);
        await sleep(20);
        resumed = ['n1', 'n3'].every((id) => restarted.from(id).length > 0) && n1.from('n2').length > 0;
      }
      t.ok(resumed, 'n1 → n2, n3 → n2 and n2 → n1 deliver after the restart');
      n1.received.length = 0;
      n3.transport.send([{ ...base(MessageType.Heartbeat, 'n3', 'n1'), index: 5 }]);
      t.ok(await waitUntil(() => n1.from('n3').length > 0, timeoutMs), 'n3 → n1 was never disturbed');
    });
  });
}
