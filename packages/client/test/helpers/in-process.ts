// An in-process cluster (memory log and network) whose nodes serve real ClientEndpoints on loopback.
import { MemoryLogStore, MemoryNetwork, MemoryTransport, RaftNode } from '@raftbus/core';
import { counter } from '@raftbus/example-counter';
import type { StateMachineDefinition } from '@raftbus/state-machine';
import { ClientEndpoint, CountingClientEndpointMetrics, silentLogger, type ClientEndpointOptions } from '@raftbus/transport-zeromq';

export async function inProcessCluster<C, R, Q, QR>(
  size: number,
  endpoint: Partial<ClientEndpointOptions> = {},
  stateMachine: StateMachineDefinition<C, R, Q, QR> = counter as unknown as StateMachineDefinition<C, R, Q, QR>,
) {
  const ids = Array.from({ length: size }, (_, k) => `n${k + 1}`);
  const network = new MemoryNetwork();
  const nodes = ids.map((id) => new RaftNode({ id, peers: ids, logStore: new MemoryLogStore(), transport: new MemoryTransport(network), stateMachine, tickMs: 10 }));
  await Promise.all(nodes.map((n) => n.start()));
  const metrics = nodes.map(() => new CountingClientEndpointMetrics());
  const endpoints = nodes.map((n, k) => new ClientEndpoint(n, { bind: 'tcp://127.0.0.1:*', logger: silentLogger, metrics: metrics[k]!, ...endpoint }));
  await Promise.all(endpoints.map((e) => e.start()));
  return {
    nodes,
    endpoints,
    metrics,
    addresses: endpoints.map((e) => e.boundAddress!),
    /** The leader's index once one is elected (bounded wait). */
    async leaderIndex(timeoutMs = 5_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const k = nodes.findIndex((n) => n.isLeader);
        if (k >= 0) return k;
        if (Date.now() > deadline) throw new Error('no leader');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      await Promise.all(endpoints.map((e) => e.stop()));
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
