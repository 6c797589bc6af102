import { isDeepStrictEqual } from 'node:util';
import t from 'tap';
import { seeded } from './helpers/cluster.js';
import { DecodeError } from '@raftbus/state-machine';
import { decodeEnvelope, decodeEnvelopeGeneral, encodeEnvelope, encodeEnvelopeGeneral, restampEnvelope, type Envelope } from '../src/node/envelope.js';

/** The tests' seeded generator as floats in [0, 1), so a failure names a reproducible case. */
const rng = (seed: number) => {
  const source = seeded(seed);
  return () => source.float();
};

const UINT_EDGES = [0, 1, 127, 128, 16_383, 16_384, 2 ** 31 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER];
const STRINGS = ['', 'n1', 'client-7f3a', 'x'.repeat(127), 'y'.repeat(128), 'ünïcode', '节点', 'a\u0000b'];

function randomEnvelope(r: () => number): Envelope {
  const uint = () => (r() < 0.3 ? UINT_EDGES[Math.floor(r() * UINT_EDGES.length)]! : Math.floor(r() * 2 ** (r() * 53)));
  const str = () => (r() < 0.5 ? STRINGS[Math.floor(r() * STRINGS.length)]! : `id-${Math.floor(r() * 1e6)}`);
  const command = new Uint8Array(Math.floor(r() * 300));
  for (let k = 0; k < command.length; k++) command[k] = Math.floor(r() * 256);
  return {
    logTimeMs: r() < 0.2 ? 0 : r() * 2e12,
    origin: str(),
    incarnation: uint(),
    requestId: uint(),
    requestsAckedBelow: uint(),
    clientId: str(),
    seq: uint(),
    ackedBelow: uint(),
    command,
  };
}

t.test('the exact-size fast path writes the same bytes as the general writer, and decodes back', async (t) => {
  const r = rng(20261126);
  let fast = 0;
  for (let i = 0; i < 5000; i++) {
    const e = randomEnvelope(r);
    const bytes = encodeEnvelope(e);
    const reference = encodeEnvelopeGeneral(e);
    if (Buffer.compare(Buffer.from(bytes), Buffer.from(reference)) !== 0) {
      t.fail(`case ${i}: fast and general encodings differ for ${JSON.stringify({ ...e, command: e.command.length })}`);
      return;
    }
    const back = decodeEnvelope(bytes);
    if (!isDeepStrictEqual({ ...back, command: Buffer.from(back.command) }, { ...e, command: Buffer.from(e.command) })) {
      t.fail(`case ${i} does not round-trip: ${JSON.stringify({ ...e, command: e.command.length })}`);
      return;
    }
    if (/^[\x00-\x7f]{0,127}$/.test(e.origin) && /^[\x00-\x7f]{0,127}$/.test(e.clientId)) fast++;
  }
  t.ok(fast > 1000, `5000 cases encode like the general writer and round-trip; the fast path took ${fast}`);
});

t.test('the fast decoder agrees with the general reader, repeated ids included, and refuses every truncation', async (t) => {
  const r = rng(7);
  const envelopes = Array.from({ length: 200 }, () => randomEnvelope(r));
  let checked = 0;
  // Runs of the same ids (the decoder's memo hits) interleaved with changes (misses).
  for (let i = 0; i < 3000; i++) {
    const e = envelopes[Math.floor(i / 7) % envelopes.length]!;
    const bytes = encodeEnvelope(r() < 0.5 ? e : { ...e, requestId: i });
    const fast = decodeEnvelope(bytes);
    const general = decodeEnvelopeGeneral(bytes);
    if (!isDeepStrictEqual({ ...fast, command: Buffer.from(fast.command) }, { ...general, command: Buffer.from(general.command) })) {
      t.fail(`case ${i}: the decoders disagree on ${JSON.stringify({ ...general, command: general.command.length })}`);
      return;
    }
    checked++;
  }
  let truncations = 0;
  for (const e of envelopes.slice(0, 40)) {
    const bytes = encodeEnvelope(e);
    for (let n = 0; n < bytes.byteLength; n++) {
      const cut = bytes.subarray(0, n);
      for (const decode of [decodeEnvelope, decodeEnvelopeGeneral]) {
        try {
          decode(cut);
          t.fail(`a ${n}-byte prefix of a ${bytes.byteLength}-byte envelope decoded`);
          return;
        } catch (err) {
          if (!(err instanceof DecodeError)) throw err;
        }
      }
      truncations++;
    }
  }
  t.equal(checked, 3000, 'both decoders read 3000 envelopes alike');
  t.ok(truncations > 1000, `${truncations} truncated envelopes refused with DecodeError by both`);
  t.throws(() => decodeEnvelope(new Uint8Array([3, 0, 0, 0, 0, 0, 0, 0, 0])), DecodeError, 'another version is refused');
});

t.test('encoding refuses integers that are not unsigned safe integers', async (t) => {
  const base: Envelope = { logTimeMs: 1, origin: 'n1', incarnation: 1, requestId: 1, requestsAckedBelow: 0, clientId: '', seq: 0, ackedBelow: 0, command: new Uint8Array(0) };
  for (const bad of [-1, 1.5, 2 ** 53, Number.NaN]) {
    t.throws(() => encodeEnvelope({ ...base, requestId: bad }), RangeError, `requestId ${bad}`);
    t.throws(() => encodeEnvelope({ ...base, origin: 'ü', seq: bad }), RangeError, `seq ${bad} (general path)`);
  }
});

t.test('restamping replaces only the log time', async (t) => {
  const e: Envelope = { logTimeMs: 5, origin: 'n2', incarnation: 9, requestId: 300, requestsAckedBelow: 299, clientId: 'c', seq: 4, ackedBelow: 3, command: new Uint8Array([1, 2, 3]) };
  const bytes = encodeEnvelope(e);
  const restamped = restampEnvelope(bytes, 1_795_000_000_123.5);
  t.same(decodeEnvelope(restamped), { ...e, logTimeMs: 1_795_000_000_123.5, command: new Uint8Array([1, 2, 3]) });
  t.equal(decodeEnvelope(bytes).logTimeMs, 5, 'the original is not modified');
});
