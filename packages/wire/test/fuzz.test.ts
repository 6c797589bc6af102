import t from 'tap';
import { isDeepStrictEqual } from 'node:util';
import { WireDecodeError, decodeClientFrame, decodePeerEnvelope, encodeClientFrame, encodeMessageBatch, encodeSnapshotChunk, encodeSnapshotChunkAck, type DecodeOptions } from '../src/index.js';
import * as pbjsClient from '../src/reference/pbjs-client.js';
import * as pbjsPeer from '../src/reference/pbjs-peer.js';
import { prng, sampleClientRequests, sampleClientResponses, sampleMessages } from './samples.js';

const SEED = Number(process.env.RAFTBUS_FUZZ_SEED ?? 0x5eed);
const FRAMES_TOTAL = 100_000;
// Each frame goes through four decoders (hand and reference, peer and client); a loaded machine is slow.
const FUZZ_TIME_MS_MAX = 120_000;
const MAX_FRAME_BYTES = 64 * 1024;

function corpus(): Uint8Array[] {
  const samples = sampleMessages();
  const header = samples.find((m) => m.type === 'snapshot')!;
  // Copied into plain Uint8Arrays: protobufjs returns Buffers, whose slice() is a view, and the
  // mutations below must never write into the corpus.
  const frames = [
    encodeMessageBatch(samples),
    encodeClientFrame(sampleClientRequests()),
    encodeClientFrame(sampleClientResponses()),
    ...samples.map((m) => encodeMessageBatch([m])),
    encodeSnapshotChunk({ streamId: 3, chunkIndex: 0, chunkCount: 2, totalBytes: 20, header, data: new Uint8Array(10).fill(1) }),
    encodeSnapshotChunk({ streamId: 3, chunkIndex: 1, chunkCount: 2, totalBytes: 20, data: new Uint8Array(10).fill(2) }),
    encodeSnapshotChunkAck({ streamId: 3, chunkIndex: 1, aborted: false }),
  ];
  return frames.map((f) => new Uint8Array(f));
}

/** One of several mutation strategies; random bytes, bit flips, truncation, splicing, varint bombs. */
function mutate(rand: () => number, seeds: Uint8Array[]): Uint8Array {
  const pick = seeds[Math.floor(rand() * seeds.length)]!;
  const strategy = Math.floor(rand() * 7);
  switch (strategy) {
    case 0: {
      const out = new Uint8Array(Math.floor(rand() * 256));
      for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * 256);
      return out;
    }
    case 1: {
      const out = pick.slice();
      const flips = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < flips && out.length; i++) out[Math.floor(rand() * out.length)]! ^= 1 << Math.floor(rand() * 8);
      return out;
    }
    case 2:
      return pick.slice(0, Math.floor(rand() * pick.length));
    case 3: {
      const other = seeds[Math.floor(rand() * seeds.length)]!;
      const cut = Math.floor(rand() * pick.length);
      const out = new Uint8Array(cut + other.length - Math.floor(rand() * other.length));
      out.set(pick.subarray(0, cut));
      out.set(other.subarray(other.length - (out.length - cut)), cut);
      return out;
    }
    case 4: {
      const out = pick.slice();
      const at = Math.floor(rand() * out.length);
      // Length prefixes and varints at their extremes: 0xff… never terminates a varint.
      for (let i = at; i < Math.min(out.length, at + 1 + Math.floor(rand() * 10)); i++) out[i] = rand() < 0.5 ? 0xff : 0x80;
      return out;
    }
    case 5: {
      const out = new Uint8Array(pick.length + 1 + Math.floor(rand() * 16));
      const at = Math.floor(rand() * pick.length);
      out.set(pick.subarray(0, at));
      for (let i = at; i < out.length - (pick.length - at); i++) out[i] = Math.floor(rand() * 256);
      out.set(pick.subarray(at), out.length - (pick.length - at));
      return out;
    }
    default: {
      // Deep nesting: repeated "field 1, length-delimited" prefixes.
      const depth = 1 + Math.floor(rand() * 200);
      const out = new Uint8Array(depth * 2);
      for (let i = 0; i < depth; i++) {
        out[2 * i] = 0x0a;
        out[2 * i + 1] = Math.max(0, (depth - i - 1) * 2);
      }
      return out;
    }
  }
}

type Decoder = (bytes: Uint8Array, options?: DecodeOptions) => unknown;

/** The outcome of one decode: a value, a rejection (WireDecodeError) or a crash (anything else). */
type Outcome = { kind: 'value'; value: unknown } | { kind: 'rejected'; reason: string; detail: string } | { kind: 'crash'; error: string };

/**
 * The rejections protobufjs does not make (the hand-written decoder is stricter): it skips a known
 * field with the wrong wire type as if unknown, and skips an unknown varint of any length.
 */
const STRICTER_THAN_PROTOBUFJS = / field \d+ with wire type \d$|^.*unknown field's varint longer than/;

function attempt(decode: Decoder, frame: Uint8Array): Outcome {
  try {
    return { kind: 'value', value: decode(frame, { maxFrameBytes: MAX_FRAME_BYTES }) };
  } catch (err) {
    // A WireDecodeError with a `cause` is the decoder's safety net catching its own bug (see peer.ts).
    if (err instanceof WireDecodeError && err.cause === undefined) return { kind: 'rejected', reason: err.reason, detail: err.message };
    return { kind: 'crash', error: String(err instanceof WireDecodeError ? err.cause : err) };
  }
}

const DECODERS: readonly { name: string; hand: Decoder; reference: Decoder }[] = [
  { name: 'peer', hand: decodePeerEnvelope, reference: pbjsPeer.decodePeerEnvelope },
  { name: 'client', hand: decodeClientFrame, reference: pbjsClient.decodeClientFrame },
];

t.test(`decoder fuzz: ${FRAMES_TOTAL} random and mutated frames (seed ${SEED})`, async (t) => {
  const rand = prng(SEED);
  const seeds = corpus();
  const started = Date.now();
  let tried = 0;
  let decoded = 0;
  let rejected = 0;
  let crashes = 0;
  const crashSamples: string[] = [];
  const reasons = new Map<string, number>();
  // Against the protobufjs reference: both decode to equal values, both reject, or they disagree.
  let agreed = 0;
  let valuesDiffer = 0;
  let stricter = 0;
  let reasonsDiffer = 0;
  const disagreements = new Map<string, number>();
  const divergenceSamples: string[] = [];
  for (; tried < FRAMES_TOTAL && Date.now() - started < FUZZ_TIME_MS_MAX; tried++) {
    const frame = mutate(rand, seeds);
    for (const { name, hand, reference } of DECODERS) {
      const mine = attempt(hand, frame);
      if (mine.kind === 'value') decoded++;
      else if (mine.kind === 'rejected') {
        rejected++;
        reasons.set(mine.reason, (reasons.get(mine.reason) ?? 0) + 1);
      } else {
        crashes++;
        if (crashSamples.length < 5) crashSamples.push(`${mine.error} on ${Buffer.from(frame).toString('hex')}`);
        continue;
      }
      const theirs = attempt(reference, frame);
      if (mine.kind === 'value' && theirs.kind === 'value') {
        if (isDeepStrictEqual(mine.value, theirs.value)) agreed++;
        else {
          valuesDiffer++;
          if (divergenceSamples.length < 5) divergenceSamples.push(`${name} values differ on ${Buffer.from(frame).toString('hex')}`);
        }
      } else if (mine.kind === 'rejected' && theirs.kind !== 'value') {
        agreed++;
        // Printed, not asserted: with several defects in a frame the two may name different ones.
        if (theirs.kind === 'rejected' && theirs.reason !== mine.reason) reasonsDiffer++;
      }
      else if (mine.kind === 'rejected' && STRICTER_THAN_PROTOBUFJS.test(mine.detail)) stricter++;
      else {
        const key = `${name}: hand ${mine.kind === 'value' ? 'decodes' : `rejects (${mine.reason})`}, reference ${theirs.kind === 'value' ? 'decodes' : 'rejects'}`;
        disagreements.set(key, (disagreements.get(key) ?? 0) + 1);
        if (divergenceSamples.length < 5) divergenceSamples.push(`${key} on ${Buffer.from(frame).toString('hex')}`);
      }
    }
  }
  t.comment(
    `fuzz seed=${SEED} frames tried=${tried} decodes=${tried * 2} decoded=${decoded} rejected=${rejected} ` +
      `(${[...reasons].map(([r, n]) => `${r}=${n}`).join(' ')}) crashes=${crashes} in ${Date.now() - started} ms`,
  );
  t.comment(
    `against protobufjs: agreed=${agreed} (rejected for another reason: ${reasonsDiffer}) valuesDiffer=${valuesDiffer} ` +
      `rejected where protobufjs is lax=${stricter} ` +
      `otherDisagreements: ${[...disagreements].map(([k, n]) => `[${k}]=${n}`).join(' ') || 'none'}`,
  );
  for (const sample of divergenceSamples) t.comment(sample);
  t.equal(tried, FRAMES_TOTAL, 'every frame was tried within the time bound');
  t.equal(crashes, 0, `no error other than WireDecodeError ${crashSamples.join('; ')}`);
  t.equal(valuesDiffer, 0, 'where both decoders accept a frame, they decode the same value');
  t.equal(
    [...disagreements.values()].reduce((a, b) => a + b, 0),
    0,
    'the decoders accept and reject the same frames, but where protobufjs is lax (STRICTER_THAN_PROTOBUFJS)',
  );
  t.ok(rejected > tried / 2, 'most mutated frames are rejected (the mutations reach the decoder)');
  t.ok(decoded > 0, 'some mutated frames still decode (the mutations are not all fatal)');
});
