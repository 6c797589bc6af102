// The README's example, runnable: `npm run build && node examples/kv-store/dist/example.js`.
import { MemoryLogStore, MemoryNetwork, MemoryTransport, RaftNode } from '@raftbus/core';
import { KvClient, kvStore } from './index.js'; // '@raftbus/example-kv-store' outside this folder

const ids = ['n1', 'n2', 'n3'];
const network = new MemoryNetwork();
const nodes = ids.map((id) => new RaftNode({ id, peers: ids, logStore: new MemoryLogStore(), transport: new MemoryTransport(network), stateMachine: kvStore, tickMs: 10 }));
await Promise.all(nodes.map((n) => n.start()));

const kv = new KvClient(nodes[2]!); // any node: followers forward to the leader
const utf8 = (s: string) => new TextEncoder().encode(s);
console.log(await kv.put('config', utf8('v1'))); // null: the key was absent
console.log(await kv.cas('config', utf8('v1'), utf8('v2'))); // { ok: true, value: v2 }
console.log(await kv.cas('config', utf8('v1'), utf8('v3'))); // { ok: false, value: v2 }: someone changed it
console.log(new TextDecoder().decode((await new KvClient(nodes[0]!).get('config'))!)); // 'v2', on another node
console.log(await kv.delete('config')); // true

await Promise.all(nodes.map((n) => n.stop()));
