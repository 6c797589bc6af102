// Whole RaftNodes in one process over a MemoryNetwork and MemoryLogStores, for runtime tests.
import { jsonCodec, type StateMachineDefinition } from '@raftbus/state-machine';
import { RaftNode, type RaftNodeOptions } from '../../src/node/raft-node.js';
import { MemoryLogStorage, MemoryLogStore } from '../../src/storage/memory-log-store.js';
import { MemoryNetwork, MemoryTransport } from '../../src/transport/memory-transport.js';
import type { Message, NodeId } from '../../src/protocol/types.js';
import type { Transport, MessageHandler } from '../../src/transport/transport.js';

export type KvCommand = { op: 'put'; key: string; value: string } | { op: 'append'; key: string; value: string } | { op: 'fail' };
export type KvQuery = { key: string };

/** A small key-value state machine: put returns the previous value, append returns the new one. */
export const kv: StateMachineDefinition<KvCommand, string | null, KvQuery, string | null> = {
  name: 'test-kv',
  create() {
    let data = new Map<string, string>();
    return {
      apply(c) {
        if (c.op === 'fail') throw new Error('refused by the state machine');
        const prev = data.get(c.key) ?? null;
        data.set(c.key, c.op === 'put' ? c.value : (prev ?? '') + c.value);
        return c.op === 'put' ? prev : data.get(c.key)!;
      },
      query: (q) => data.get(q.key) ?? null,
      snapshot: () => new TextEncoder().encode(JSON.stringify([...data])),
      restore: (b) => void (data = new Map(JSON.parse(new TextDecoder().decode(b)))),
    };
  },
  commandCodec: jsonCodec(),
  resultCodec: jsonCodec(),
  queryCodec: jsonCodec(),
  queryResultCodec: jsonCodec(),
};

/** Wraps a transport: drop or duplicate outgoing messages on demand. */
export class FaultyTransport implements Transport {
  dropTo = new Set<NodeId>();
  duplicate = false;
  constructor(private readonly inner: Transport) {}
  start(self: NodeId, h: MessageHandler) {
    return this.inner.start(self, h);
  }
  send(ms: readonly Message[]) {
    const out = ms.filter((m) => !this.dropTo.has(m.to));
    this.inner.send(this.duplicate ? out.flatMap((m) => [m, m]) : out);
  }
  stop() {
    return this.inner.stop();
  }
}

type Options = Partial<RaftNodeOptions<KvCommand, string | null, KvQuery, string | null>>;

export class NodeCluster {
  readonly network = new MemoryNetwork();
  readonly storages = new Map<NodeId, MemoryLogStorage>();
  readonly nodes = new Map<NodeId, RaftNode<KvCommand, string | null, KvQuery, string | null>>();
  readonly transports = new Map<NodeId, FaultyTransport>();

  constructor(
    readonly ids: NodeId[],
    readonly options: Options = {},
  ) {}

  async startAll(): Promise<void> {
    for (const id of this.ids) await this.start(id);
  }

  async start(id: NodeId) {
    const storage = this.storages.get(id) ?? new MemoryLogStorage();
    this.storages.set(id, storage);
    const transport = new FaultyTransport(new MemoryTransport(this.network));
    this.transports.set(id, transport);
    const node = new RaftNode({
      id,
      peers: this.ids,
      logStore: new MemoryLogStore(storage),
      transport,
      stateMachine: kv,
      tickMs: 5,
      electionTicks: 10,
      ...this.options,
    });
    this.nodes.set(id, node);
    await node.start();
    return node;
  }

  async stop(id: NodeId) {
    await this.nodes.get(id)?.stop();
    this.nodes.delete(id);
  }

  async stopAll() {
    for (const id of [...this.nodes.keys()]) await this.stop(id);
  }

  node(id: NodeId) {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`${id} is not running`);
    return n;
  }

  /** Wait until the running nodes agree on one leader (bounded). */
  async leader(timeoutMs = 5000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const leaders = [...this.nodes.values()].filter((n) => n.isLeader);
      if (leaders.length === 1 && [...this.nodes.values()].every((n) => n.leader === leaders[0]!.id)) return leaders[0]!;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('no agreed leader in time');
  }

  followers() {
    return [...this.nodes.values()].filter((n) => !n.isLeader);
  }
}
