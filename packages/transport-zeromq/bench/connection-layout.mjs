// Separates the cost of the connection layout from raftbus's own cost, for 128 B round trips over
// loopback: three echo servers in child processes, driven in alternating rounds from this process —
//   one      bare zeromq.js: DEALER → ROUTER, the echo comes back over the same connection (the floor of
//            npm run bench:transport)
//   two      bare zeromq.js: DEALER → ROUTER, the echo comes back over a second connection (the
//            server's DEALER to this process's ROUTER: raftbus's layout before one connection per pair)
//   raftbus  @raftbus/transport-zeromq, one Raft append out and back
//   node packages/transport-zeromq/bench/connection-layout.mjs [rounds=5]
// Prints each round's p50 and the pooled p50s with their ratios; bounded by rounds × 2,000 round trips per side.
import { spawn } from 'node:child_process';
import { freePort } from './free-port.mjs';
import { Dealer, Router } from 'zeromq';
import { ZmqTransport, silentLogger } from '@raftbus/transport-zeromq';

const ROUNDS = Math.min(20, Number(process.argv[2] ?? 5));
const PER_ROUND = 2_000;
const WARMUP = 3_000;

const at = async () => `tcp://127.0.0.1:${await freePort()}`;

const SERVER = `
import { Router, Dealer } from 'zeromq';
import { ZmqTransport, silentLogger } from '@raftbus/transport-zeromq';
const c = JSON.parse(process.argv[1]);
if (c.mode === 'raftbus') {
  const t = new ZmqTransport({ peers: c.peers, logger: silentLogger });
  await t.start('s', (m) => t.send([{ ...m, from: 's', to: m.from }]));
} else {
  const r = new Router({ linger: 0 });
  await r.bind(c.address);
  let d;
  if (c.mode === 'two') { d = new Dealer({ linger: 0, routingId: 's' }); d.connect(c.back); }
  (async () => { for (;;) { const [id, m] = await r.receive(); if (d) await d.send(m); else await r.send([id, m]); } })();
}
process.stdout.write('ready\\n');
process.stdin.on('end', () => process.exit(0)).resume();`;

const children = [];
async function server(config) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
}

const payload = Buffer.alloc(128, 0x5a);
const clients = {};
{
  const address = await at();
  await server({ mode: 'one', address });
  const dealer = new Dealer({ linger: 0 });
  dealer.connect(address);
  clients.one = async () => {
    await dealer.send(payload);
    await dealer.receive();
  };
}
{
  const [address, back] = [await at(), await at()];
  const router = new Router({ linger: 0 });
  await router.bind(back);
  await server({ mode: 'two', address, back });
  const dealer = new Dealer({ linger: 0, routingId: 'c' });
  dealer.connect(address);
  clients.two = async () => {
    await dealer.send(payload);
    await router.receive();
  };
}
const peers = { s: { address: await at() }, c: { address: await at() } };
await server({ mode: 'raftbus', peers });
const transport = new ZmqTransport({ peers, logger: silentLogger });
let onReply;
await transport.start('c', () => onReply());
// An append whose frame is 128 B, as the others' (indexes kept at four-byte varints).
const data = new Uint8Array(96).fill(0x5a);
let index = 2 ** 21;
clients.raftbus = () =>
  new Promise((resolve) => {
    onReply = resolve;
    transport.send([{ type: 'append', from: 'c', to: 's', term: 1, logTerm: 1, index: ++index, commit: 0, entries: [{ index: index + 1, term: 1, type: 0, data }], reject: false, rejectHint: 0 }]);
  });

for (const name in clients) for (let i = 0; i < WARMUP; i++) await clients[name]();
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const pooled = { one: [], two: [], raftbus: [] };
for (let round = 0; round < ROUNDS; round++) {
  const line = [];
  // The order flips every round, so no side always follows the same other side.
  const names = round % 2 === 0 ? Object.keys(clients) : Object.keys(clients).reverse();
  for (const name of names) {
    const samples = [];
    for (let i = 0; i < PER_ROUND; i++) {
      const t0 = process.hrtime.bigint();
      await clients[name]();
      samples.push(Number(process.hrtime.bigint() - t0) / 1e3);
    }
    pooled[name].push(...samples);
    line.push(`${name} ${median(samples).toFixed(1)}`);
  }
  console.log(`round ${round}: p50 µs ${line.join('  ')}`);
}
const p = Object.fromEntries(Object.entries(pooled).map(([k, v]) => [k, median(v)]));
console.log(
  `pooled p50 µs: one ${p.one.toFixed(1)}  two ${p.two.toFixed(1)}  raftbus ${p.raftbus.toFixed(1)}; ` +
    `two/one ${(p.two / p.one).toFixed(2)}  raftbus/one ${(p.raftbus / p.one).toFixed(2)}`,
);
await transport.stop();
for (const child of children) child.stdin.end();
process.exit(0);
