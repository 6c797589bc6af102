// npm run bench:wire — encode and decode time per frame: the hand-written codec of @raftbus/wire beside
// the protobufjs static code generated from the same schema (the reference it is tested against).
// Prints figures; never fails on speed. Every case runs ROUNDS rounds of at least ROUND_MS_MIN each
// (bounded by ROUND_ITERATIONS_MAX), alternating the two codecs; the median round is reported.
import * as hand from '../dist/index.js';
import * as pbjsClient from '../dist/reference/pbjs-client.js';
import * as pbjsPeer from '../dist/reference/pbjs-peer.js';

const ROUNDS = 5;
const ROUND_MS_MIN = 150;
const ROUND_ITERATIONS_MAX = 2_000_000;
const WARMUP_ITERATIONS = 20_000;

const bytes = (n) => new Uint8Array(n).fill(0x5a);
const base = { from: 'n1', to: 'n2', term: 7, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 };
const append = (entries, size) => ({
  ...base,
  type: 'append',
  logTerm: 7,
  index: 100_000,
  commit: 99_990,
  entries: Array.from({ length: entries }, (_, i) => ({ index: 100_001 + i, term: 7, type: 0, data: bytes(size) })),
});
const request = (i, size) => ({ clientId: 'client-0f3a', sequence: 1000 + i, requestId: 5000 + i, kind: 'command', payload: bytes(size), staleReadOk: false, ackedBelow: 990 });
const response = (i, size) => ({ requestId: 5000 + i, outcome: { kind: 'result', result: bytes(size) } });

const peer = (label, messages) => ({
  label,
  value: messages,
  hand: { encode: hand.encodeMessageBatch, decode: (b) => hand.decodePeerEnvelope(b) },
  pbjs: { encode: pbjsPeer.encodeMessageBatch, decode: (b) => pbjsPeer.decodePeerEnvelope(b) },
});
const client = (label, frame) => ({
  label,
  value: frame,
  hand: { encode: hand.encodeClientFrame, decode: (b) => hand.decodeClientFrame(b) },
  pbjs: { encode: pbjsClient.encodeClientFrame, decode: (b) => pbjsClient.decodeClientFrame(b) },
});

const CASES = [
  peer('heartbeat', [{ ...base, type: 'heartbeat', commit: 99_990, index: 12 }]),
  peer('appendResponse', [{ ...base, type: 'appendResponse', from: 'n2', to: 'n1', index: 100_016 }]),
  peer('append 1 × 128 B', [append(1, 128)]),
  peer('append 16 × 128 B', [append(16, 128)]),
  peer('append 1 × 16 KiB', [append(1, 16_384)]),
  peer('batch: 2 heartbeats + 2 appends 4 × 128 B', [
    { ...base, type: 'heartbeat', commit: 99_990 },
    { ...base, type: 'heartbeat', to: 'n3', commit: 99_990 },
    append(4, 128),
    { ...append(4, 128), to: 'n3' },
  ]),
  client('client requests 1 × 64 B', { kind: 'requests', requests: [request(0, 64)] }),
  client('client requests 64 × 64 B', { kind: 'requests', requests: Array.from({ length: 64 }, (_, i) => request(i, 64)) }),
  client('client responses 64 × 16 B', { kind: 'responses', nodeId: 'n1', leaderId: 'n1', responses: Array.from({ length: 64 }, (_, i) => response(i, 16)) }),
];

let sink = 0;

/** ns per call of `fn` over one round. */
function round(fn) {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(ROUND_MS_MIN) * 1_000_000n;
  let n = 0;
  let now = started;
  // Checking the clock every 64 calls keeps its cost out of the figure.
  while (n < ROUND_ITERATIONS_MAX && now < deadline) {
    for (let i = 0; i < 64; i++) sink ^= fn();
    n += 64;
    now = process.hrtime.bigint();
  }
  return Number(now - started) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(c) {
  const frame = c.pbjs.encode(c.value);
  const ops = {
    encode: { hand: () => c.hand.encode(c.value).byteLength, pbjs: () => c.pbjs.encode(c.value).byteLength },
    decode: { hand: () => (c.hand.decode(frame) ? 1 : 0), pbjs: () => (c.pbjs.decode(frame) ? 1 : 0) },
  };
  const out = { bytes: frame.byteLength };
  for (const [op, fns] of Object.entries(ops)) {
    for (const fn of Object.values(fns)) for (let i = 0; i < WARMUP_ITERATIONS; i++) sink ^= fn();
    const samples = { hand: [], pbjs: [] };
    for (let r = 0; r < ROUNDS; r++) for (const side of ['pbjs', 'hand']) samples[side].push(round(fns[side]));
    out[op] = { hand: median(samples.hand), pbjs: median(samples.pbjs) };
  }
  return out;
}

const ns = (x) => `${x >= 10_000 ? (x / 1000).toFixed(1) + ' µs' : Math.round(x) + ' ns'}`.padStart(9);
console.log(
  `wire codec bench: node ${process.version}; median of ${ROUNDS} rounds ≥ ${ROUND_MS_MIN} ms each; ` +
    'time per frame, protobufjs static code (reference) vs hand-written',
);
console.log(`${'frame'.padEnd(44)} ${'bytes'.padStart(6)}   encode pbjs → hand      decode pbjs → hand    enc+dec speed-up`);
for (const c of CASES) {
  const r = measure(c);
  const speedup = (r.encode.pbjs + r.decode.pbjs) / (r.encode.hand + r.decode.hand);
  console.log(
    `${c.label.padEnd(44)} ${String(r.bytes).padStart(6)}  ${ns(r.encode.pbjs)} → ${ns(r.encode.hand)}  ${ns(r.decode.pbjs)} → ${ns(r.decode.hand)}  ${speedup.toFixed(2).padStart(6)}×`,
  );
}
if (sink === 0.5) console.log(''); // keeps the results observable so no call is optimised away
