// npm run bench:transport — round trips between two processes over loopback, for 128 B and 16 KiB
// frames, with and without CURVE: @raftbus/transport-zeromq beside a bare zeromq.js DEALER/ROUTER echo
// measured in the same run (the floor). Prints figures; never fails on speed.
//
// Round trip: one message out, its echo back, one at a time (p50/p99 of RTT_SAMPLES after a warm-up).
// Warm-up: RTT_WARMUP round trips and one flood per side, not measured. Without the flood, the first
// measured round of the raftbus side ran 30–90 % slower than the later ones (its JavaScript was still
// being optimised; the floor has next to none), which is start-up, not the steady state p50 describes.
// Throughput: WINDOW messages in flight, echoes per second over THROUGHPUT_MESSAGES (or THROUGHPUT_TIME_MS_MAX).
import { spawn } from 'node:child_process';
import { freePort } from './free-port.mjs';
import { fileURLToPath } from 'node:url';
import { Dealer } from 'zeromq';
import { ZmqTransport, generateCurveKeyPair, silentLogger } from '@raftbus/transport-zeromq';
import { encodeMessageBatch } from '@raftbus/wire';

const RTT_WARMUP = 3000;
const RTT_SAMPLES = Number(process.env.BENCH_RTT_SAMPLES ?? 8000);
const ROUNDS = 8;
const WINDOW = 256;
const THROUGHPUT_MESSAGES = { 128: 50_000, 16384: 10_000 };
const THROUGHPUT_TIME_MS_MAX = 10_000;
const CASE_TIME_MS_MAX = 60_000;
const SIZES = [128, 16384];
/**
 * First Raft index of the raftbus messages. Indexes stay within [2^21, 2^28) for the whole run, so
 * their varints keep one length (four bytes) and every raftbus frame is exactly as long as the floor's
 * (raftbusPayload measures it at this index). That matters beyond fairness: zeromq.js copies a frame
 * of at most 128 bytes but sends a longer one zero-copy, releasing it later through an extra wake-up of
 * the sender's event loop, so 130 bytes against the floor's 128 would not compare like with like.
 */
const INDEX_BASE = 2 ** 21;
const SERVER = fileURLToPath(new URL('./echo-server.mjs', import.meta.url));


async function startServer(config) {
  const child = spawn(process.execPath, [SERVER, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** A client with send(payload) → promise of the echo; both kinds expose the same shape. */
async function bareClient(address, curve) {
  const dealer = new Dealer({
    linger: 0,
    ...(curve ? { curveServerKey: curve.server.publicKey, curvePublicKey: curve.client.publicKey, curveSecretKey: curve.client.secretKey } : {}),
  });
  dealer.connect(address);
  return {
    async roundTrip(payload) {
      await dealer.send(payload);
      await dealer.receive();
    },
    async flood(payload, total, window) {
      let sent = 0;
      let received = 0;
      let wake;
      const receiver = (async () => {
        while (received < total) {
          await dealer.receive();
          received++;
          wake?.();
        }
      })();
      const deadline = Date.now() + THROUGHPUT_TIME_MS_MAX;
      while (sent < total && Date.now() < deadline) {
        if (sent - received >= window) await new Promise((r) => (wake = r));
        else {
          await dealer.send(payload);
          sent++;
        }
      }
      // Whatever was sent comes back; bounded by the window.
      total = sent;
      while (received < sent) await new Promise((r) => (wake = r));
      wake = undefined;
      await receiver.catch(() => {});
      return sent;
    },
    close: async () => dealer.close(),
  };
}

function appendMessage(payload, index) {
  return {
    type: 'append', from: 'c', to: 's', term: 1, logTerm: 1, index, commit: 0,
    entries: [{ index: index + 1, term: 1, type: 0, data: payload }], reject: false, rejectHint: 0,
  };
}

async function raftbusClient(peers, curve) {
  const transport = new ZmqTransport({ peers, curve: curve?.client, logger: silentLogger });
  let onReply;
  await transport.start('c', () => onReply?.());
  const message = appendMessage;
  let index = INDEX_BASE;
  return {
    roundTrip(payload) {
      return new Promise((resolve) => {
        onReply = resolve;
        transport.send([message(payload, ++index)]);
      });
    },
    flood(payload, total, window) {
      return new Promise((resolve) => {
        let sent = 0;
        let received = 0;
        const deadline = Date.now() + THROUGHPUT_TIME_MS_MAX;
        onReply = () => {
          received++;
          if (sent < total && Date.now() < deadline) {
            sent++;
            transport.send([message(payload, ++index)]);
          } else if (received === sent) resolve(sent);
        };
        const first = [];
        for (; sent < Math.min(window, total); sent++) first.push(message(payload, ++index));
        transport.send(first);
      });
    },
    close: () => transport.stop(),
  };
}

/** Entry bytes that make the encoded raftbus frame exactly `frameBytes` long (same frame size as the floor's). */
function raftbusPayload(frameBytes) {
  const probe = (n) => encodeMessageBatch([appendMessage(new Uint8Array(n), INDEX_BASE)]).byteLength;
  let n = Math.max(0, frameBytes - probe(0));
  while (n > 0 && probe(n) > frameBytes) n--;
  return new Uint8Array(n).fill(0x5a);
}

async function setUp(kind, curve) {
  const port = await freePort();
  const address = `tcp://127.0.0.1:${port}`;
  if (kind === 'bare') {
    const server = await startServer({ mode: 'bare', address, curve });
    return { server, client: await bareClient(address, curve) };
  }
  const clientPort = await freePort();
  const peers = {
    s: { address, publicKey: curve?.server.publicKey },
    c: { address: `tcp://127.0.0.1:${clientPort}`, publicKey: curve?.client.publicKey },
  };
  const server = await startServer({ mode: 'raftbus', peers, curve });
  return { server, client: await raftbusClient(peers, curve) };
}

async function roundTrips(client, payload, count, deadline) {
  const samples = [];
  for (let i = 0; i < count && Date.now() < deadline; i++) {
    const t0 = process.hrtime.bigint();
    await client.roundTrip(payload);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return samples;
}

async function flood(client, payload, total) {
  const started = process.hrtime.bigint();
  const echoed = await client.flood(payload, total, WINDOW);
  return echoed / (Number(process.hrtime.bigint() - started) / 1e9);
}

/**
 * Floor and raftbus are measured in alternating rounds, so the load of a shared machine drifting
 * during the run biases neither side; the order within a round flips every round (floor first, then
 * raftbus first, ...: an even number of rounds balances it), and all round-trip rounds come before the
 * floods. With a fixed order and a flood after each pair of rounds, the floor's rounds always followed
 * a flood and the raftbus rounds always followed the floor's: an order effect, not a property of
 * either side, which moved the 128 B ratio by up to 0.2.
 */
async function runCase(frameBytes, curve) {
  const sides = { floor: await setUp('bare', curve), raftbus: await setUp('raftbus', curve) };
  const payloads = { floor: new Uint8Array(frameBytes).fill(0x5a), raftbus: raftbusPayload(frameBytes) };
  const results = { floor: { samples: [], rates: [] }, raftbus: { samples: [], rates: [] } };
  const deadline = Date.now() + CASE_TIME_MS_MAX;
  const order = (round) => (round % 2 === 0 ? ['floor', 'raftbus'] : ['raftbus', 'floor']);
  try {
    for (const side of ['floor', 'raftbus']) {
      for (let i = 0; i < RTT_WARMUP; i++) await sides[side].client.roundTrip(payloads[side]);
      await flood(sides[side].client, payloads[side], THROUGHPUT_MESSAGES[frameBytes] / ROUNDS);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of order(round)) {
        results[side].samples.push(...(await roundTrips(sides[side].client, payloads[side], RTT_SAMPLES / ROUNDS, deadline)));
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of order(round)) {
        results[side].rates.push(await flood(sides[side].client, payloads[side], THROUGHPUT_MESSAGES[frameBytes] / ROUNDS));
      }
    }
  } finally {
    for (const side of Object.values(sides)) {
      await side.client.close();
      await side.server.stop();
    }
  }
  const summary = (r) => {
    const sorted = [...r.samples].sort((a, b) => a - b);
    const rates = [...r.rates].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), rate: rates[Math.floor(rates.length / 2)], samples: sorted.length };
  };
  return { floor: summary(results.floor), raftbus: summary(results.raftbus), raftbusEntryBytes: payloads.raftbus.byteLength };
}

const keys = { server: generateCurveKeyPair(), client: generateCurveKeyPair() };
console.log(
  `transport bench: node ${process.version}; per case ${RTT_SAMPLES} sequential round trips and ${WINDOW}-in-flight floods, ` +
    `in ${ROUNDS} rounds alternating floor and raftbus (order flipped each round); frame sizes are equal on the wire`,
);
for (const secure of [false, true]) {
  for (const size of SIZES) {
    const r = await runCase(size, secure ? keys : undefined);
    const label = `${size >= 1024 ? `${size / 1024} KiB` : `${size} B`}${secure ? ' CURVE' : ''}`;
    for (const [name, x] of [['bare zeromq.js echo (floor)', r.floor], ['@raftbus/transport-zeromq', r.raftbus]]) {
      console.log(
        `${label.padEnd(14)} ${name.padEnd(28)} rtt p50 ${x.p50.toFixed(3)} ms  p99 ${x.p99.toFixed(3)} ms  ` +
          `${Math.round(x.rate).toLocaleString('en-US').padStart(8)} msg/s (${WINDOW} in flight)`,
      );
    }
    console.log(
      `${label.padEnd(14)} ratio p50 raftbus/floor = ${(r.raftbus.p50 / r.floor.p50).toFixed(2)}× (target ≤ 1.3×); ` +
        `raftbus frame = one append, ${r.raftbusEntryBytes} B entry\n`,
    );
  }
}
