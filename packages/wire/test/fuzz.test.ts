import t from 'tap';
import { WireDecodeError, decodeClientFrame, decodePeerEnvelope, encodeMessageBatch, encodeSnapshotChunk, encodeSnapshotChunkAck } from '../src/index.js';
import { prng, sampleMessages } from './samples.js';

const SEED = Number(process.env.RAFTBUS_FUZZ_SEED ?? 0x5eed);
const FRAMES_TOTAL = 100_000;
const FUZZ_TIME_MS_MAX = 60_000;
const MAX_FRAME_BYTES = 64 * 1024;

function corpus(): Uint8Array[] {
  const samples = sampleMessages();
  const header = samples.find((m) => m.type === 'snapshot')!;
  // Copied into plain Uint8Arrays: protobufjs returns Buffers, whose slice() is a view, and the
  // mutations below must never write into the corpus.
  const frames = [
    encodeMessageBatch(samples),
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
  for (; tried < FRAMES_TOTAL && Date.now() - started < FUZZ_TIME_MS_MAX; tried++) {
    const frame = mutate(rand, seeds);
    for (const decode of [decodePeerEnvelope, decodeClientFrame]) {
      try {
        decode(frame, { maxFrameBytes: MAX_FRAME_BYTES });
        decoded++;
      } catch (err) {
        if (err instanceof WireDecodeError) {
          rejected++;
          reasons.set(err.reason, (reasons.get(err.reason) ?? 0) + 1);
        } else {
          crashes++;
          if (crashSamples.length < 5) crashSamples.push(`${String(err)} on ${Buffer.from(frame).toString('hex')}`);
        }
      }
    }
  }
  t.comment(
    `fuzz seed=${SEED} frames tried=${tried} decodes=${tried * 2} decoded=${decoded} rejected=${rejected} ` +
      `(${[...reasons].map(([r, n]) => `${r}=${n}`).join(' ')}) crashes=${crashes} in ${Date.now() - started} ms`,
  );
  t.equal(tried, FRAMES_TOTAL, 'every frame was tried within the time bound');
  t.equal(crashes, 0, `no error other than WireDecodeError ${crashSamples.join('; ')}`);
  t.ok(rejected > tried / 2, 'most mutated frames are rejected (the mutations reach the decoder)');
  t.ok(decoded > 0, 'some mutated frames still decode (the mutations are not all fatal)');
});
