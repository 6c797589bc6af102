// One counter node (RocksDB log, ZeroMQ peers, client endpoint) with a chosen follower mode: the
// benchmark's way to compare 'redirect' with 'forward', which `raftbus start` does not expose.
//   node node-process.js --id n1 --cluster n1=tcp://…,n2=… --data DIR --client tcp://… --follower-mode forward
import { parseArgs } from 'node:util';
import { RaftNode } from '@raftbus/core';
import { counter } from '@raftbus/example-counter';
import { RocksDbLogStore } from '@raftbus/log-rocksdb';
import { ClientEndpoint, ZmqTransport, silentLogger } from '@raftbus/transport-zeromq';

const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    cluster: { type: 'string' },
    data: { type: 'string' },
    client: { type: 'string' },
    'follower-mode': { type: 'string', default: 'redirect' },
  },
});
const members = Object.fromEntries(values.cluster!.split(',').map((m) => m.split('=') as [string, string]));
const mode = values['follower-mode'] === 'forward' ? 'forward' : 'redirect';
const node = new RaftNode({
  id: values.id!,
  peers: Object.keys(members),
  logStore: new RocksDbLogStore({ path: values.data! }),
  transport: new ZmqTransport({ peers: Object.fromEntries(Object.entries(members).map(([id, address]) => [id, { address }])), logger: silentLogger }),
  stateMachine: counter,
});
await node.start();
const endpoint = new ClientEndpoint(node, { bind: values.client!, followerMode: mode, logger: silentLogger });
await endpoint.start();
console.log(`ready ${values.id} ${mode}`);
const stop = async () => {
  await endpoint.stop();
  await node.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
