// What a ZeroMQ round trip costs beside a plain TCP one between two Node.js processes, back to back and
// after an idle pause. zeromq.js hands every message to and from a ZeroMQ I/O thread: each way, two thread
// hand-offs more than Node's own sockets, which read and write on the main thread.
//   node benchmarks/scripts/idle-round-trip.mjs
// A 200-byte message to an echo process and back, on loopback; ROUNDS alternating rounds of
// SAMPLES_PER_CASE round trips per case (TCP, ZeroMQ DEALER → ROUTER; back to back, after a 1 ms pause).
// Prints p50 and p90 in µs. Ports 29777 and 29778 must be free.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Dealer, Router } from 'zeromq';

const ROUNDS = 3;
const SAMPLES_PER_CASE = 1_000;
const WARM_UP = 500;
const PAUSE_MS = 1;
const TCP_PORT = 29_778;
const ZMQ_ADDRESS = 'tcp://127.0.0.1:29777';
const PAYLOAD = Buffer.alloc(200, 1);

async function echoServers() {
  net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (data) => socket.write(data));
  }).listen(TCP_PORT, '127.0.0.1');
  const router = new Router({ linger: 0 });
  await router.bind(ZMQ_ADDRESS);
  process.stdout.write('ready\n');
  for (;;) {
    const [id, message] = await router.receive();
    await router.send([id, message]);
  }
}

function percentile(values, p) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(0);
}

async function measure() {
  const echo = spawn(process.execPath, [process.argv[1], '--echo'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => echo.stdout.once('data', resolve));
  const tcp = net.connect(TCP_PORT, '127.0.0.1');
  tcp.setNoDelay(true);
  await new Promise((resolve) => tcp.once('connect', resolve));
  // One message in flight, and the echo returns it whole (200 bytes is one segment on loopback).
  let answered;
  tcp.on('data', () => answered?.());
  const tcpRoundTrip = () => new Promise((resolve) => {
    answered = resolve;
    tcp.write(PAYLOAD);
  });
  const dealer = new Dealer({ linger: 0 });
  dealer.connect(ZMQ_ADDRESS);
  const zmqRoundTrip = async () => {
    await dealer.send(PAYLOAD);
    await dealer.receive();
  };
  for (let i = 0; i < WARM_UP; i++) {
    await tcpRoundTrip();
    await zmqRoundTrip();
  }
  const pause = (ms) => new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, roundTrip] of [['tcp', tcpRoundTrip], ['zmq', zmqRoundTrip]]) {
      for (const pauseMs of [0, PAUSE_MS]) {
        const micros = [];
        for (let i = 0; i < SAMPLES_PER_CASE; i++) {
          await pause(pauseMs);
          const started = process.hrtime.bigint();
          await roundTrip();
          micros.push(Number(process.hrtime.bigint() - started) / 1e3);
        }
        const label = pauseMs > 0 ? `after a ${pauseMs} ms pause` : 'back to back';
        console.log(`round ${round} ${name} ${label}: p50 ${percentile(micros, 0.5)} µs, p90 ${percentile(micros, 0.9)} µs`);
      }
    }
  }
  tcp.destroy();
  dealer.close();
  echo.kill();
}

if (process.argv[2] === '--echo') await echoServers();
else await measure();
