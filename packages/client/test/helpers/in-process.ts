// An in-process cluster (memory log and network) whose nodes serve real ClientEndpoints on loopback.
import { MemoryLogStore, MemoryNetwork, MemoryTransport, RaftNode } from '@raftbus/core';
import { counter } from '@raftbus/example-counter';
import { ClientEndpoint, CountingClientEndpointMetrics, silentLogger, type ClientEndpointOptions } from '@raftbus/transport-zeromq';

export async function inProcessCluster(size: number, endpoint: Partial<ClientEndpointOptions> = {}) {
  const ids = Array.from({ length: size }, (_, k) => `n${k + 1}`);
  const network = new MemoryNetwork();
  const nodes = ids.map((id) => new RaftNode({ id, peers: ids, logStore: new MemoryLogStore(), transport: new MemoryTransport(network), stateMachine: counter, tickMs: 10 }));
  await Promise.all(nodes.map((n) => n.start()));
  const metrics = nodes.map(() => new CountingClientEndpointMetrics());
  const endpoints = nodes.map((n, k) => new ClientEndpoint(n, { bind: 'tcp://127.0.0.1:*', logger: silentLogger, metrics: metrics[k]!, ...endpoint }));
  await Promise.all(endpoints.map((e) => e.start()));
  return {
    nodes,
    endpoints,
    metrics,
    addresses: endpoints.map((e) => e.boundAddress!),
    async stop() {
      await Promise.all(endpoints.map((e) => e.stop()));
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
