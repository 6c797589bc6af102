// Sequential round trips through @raftbus/transport-zeromq only (no floor), for profiling both ends:
//   node --cpu-prof --cpu-prof-dir=/tmp/rtt-prof packages/transport-zeromq/bench/rtt-profile.mjs [count] [frameBytes=128]
// The echo server (echo-server.mjs) runs with --cpu-prof into the same directory. Prints the p50
// and mean time per round trip, and the CPU time each process spent per round trip (less sensitive to a
// shared machine's load than the latency); bounded by ROUND_TRIPS_MAX and RUN_TIME_MS_MAX.
import { spawn } from 'node:child_process';
import { freePort } from './free-port.mjs';
import { fileURLToPath } from 'node:url';
import { ZmqTransport, silentLogger } from '@raftbus/transport-zeromq';
import { encodeMessageBatch } from '@raftbus/wire';

const ROUND_TRIPS_MAX = 1_000_000;
const RUN_TIME_MS_MAX = 60_000;
const count = Math.min(ROUND_TRIPS_MAX, Number(process.argv[2] ?? 20_000));
const frameBytes = Number(process.argv[4 - 1] ?? 128);
/** Indexes from 2^21: four-byte varints throughout, so every frame is frameBytes long (see transport-bench.mjs). */
const INDEX_BASE = 2 ** 21;
const SERVER = fileURLToPath(new URL('./echo-server.mjs', import.meta.url));
const profileDir = process.execArgv.find((a) => a.startsWith('--cpu-prof-dir='));


const peers = { s: { address: `tcp://127.0.0.1:${await freePort()}` }, c: { address: `tcp://127.0.0.1:${await freePort()}` } };
const child = spawn(process.execPath, [...(profileDir ? ['--cpu-prof', profileDir] : []), SERVER, JSON.stringify({ mode: 'raftbus', peers, reportCpu: true })], {
  stdio: ['pipe', 'pipe', 'pipe'],
});
let serverCpuUs;
child.stderr.on('data', (chunk) => {
  const m = /echo-server cpu µs (\d+)/.exec(String(chunk));
  if (m) serverCpuUs = Number(m[1]);
  else process.stderr.write(chunk);
});
await new Promise((resolve) => child.stdout.once('data', resolve));

const transport = new ZmqTransport({ peers, logger: silentLogger });
let onReply;
await transport.start('c', () => onReply?.());
const append = (index, data) => ({
  type: 'append', from: 'c', to: 's', term: 1, logTerm: 1, index, commit: 0, entries: [{ index: index + 1, term: 1, type: 0, data }], reject: false, rejectHint: 0,
});
const overheadBytes = encodeMessageBatch([append(INDEX_BASE, new Uint8Array(0))]).length;
// An empty entry has no data field; data adds its tag and a one-byte length (for under 128 bytes).
const entryBytes = Math.max(0, frameBytes - overheadBytes - 2);
const data = new Uint8Array(entryBytes).fill(0x5a);
let index = INDEX_BASE;
const roundTrip = () =>
  new Promise((resolve) => {
    onReply = resolve;
    transport.send([append(++index, data)]);
  });

const samples = [];
const cpuAtStart = process.cpuUsage();
const started = Date.now();
for (let i = 0; i < count && Date.now() - started < RUN_TIME_MS_MAX; i++) {
  const t0 = process.hrtime.bigint();
  await roundTrip();
  samples.push(Number(process.hrtime.bigint() - t0) / 1e3);
}
const elapsedMs = Date.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
samples.sort((a, b) => a - b);
await transport.stop();
child.stdin.end();
await new Promise((resolve) => child.once('exit', resolve));
const perTrip = (us) => (us / samples.length).toFixed(1);
console.log(
  `${samples.length} round trips (${encodeMessageBatch([append(index, data)]).length} B frames): p50 ${samples[samples.length >> 1].toFixed(1)} µs, ` +
    `mean ${((elapsedMs * 1000) / samples.length).toFixed(1)} µs; CPU per round trip: client ${perTrip(cpu.user + cpu.system)} µs, ` +
    `server ${serverCpuUs === undefined ? '?' : perTrip(serverCpuUs)} µs (main and ZeroMQ I/O threads)`,
);
