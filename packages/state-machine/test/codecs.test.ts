import t from 'tap';
import { BinaryReader, BinaryWriter, DecodeError, jsonCodec, utf8Codec, bytesCodec } from '../src/index.js';

t.test('the binary writer and reader round-trip varints, doubles, bytes and strings', async (t) => {
  const ints = [0, 1, 127, 128, 300, 2 ** 31, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER];
  const w = new BinaryWriter(2);
  for (const n of ints) w.uint(n);
  w.double(-1.5).string('héllo').bytes(new Uint8Array([1, 2, 3]));
  const r = new BinaryReader(w.finish());
  t.same(ints.map(() => r.uint()), ints);
  t.equal(r.double(), -1.5);
  t.equal(r.string(), 'héllo');
  t.same([...r.bytes()], [1, 2, 3]);
  t.equal(r.remaining, 0);
});

t.test('truncated or oversized input raises DecodeError, never garbage', async (t) => {
  t.throws(() => new BinaryReader(new Uint8Array([0x80])).uint(), DecodeError);
  t.throws(() => new BinaryReader(new Uint8Array([5, 1])).bytes(), DecodeError);
  t.throws(() => new BinaryReader(new Uint8Array(9).fill(0xff)).uint(), DecodeError);
  t.throws(() => new BinaryReader(new Uint8Array(3)).double(), DecodeError);
  t.throws(() => new BinaryWriter().uint(-1), RangeError);
});

t.test('JSON, UTF-8 and bytes codecs round-trip; void encodes as empty', async (t) => {
  const j = jsonCodec<{ a: number[] } | undefined>();
  t.same(j.decode(j.encode({ a: [1, 2] })), { a: [1, 2] });
  t.equal(j.encode(undefined).byteLength, 0);
  t.equal(j.decode(new Uint8Array(0)), undefined);
  t.equal(utf8Codec.decode(utf8Codec.encode('ünï')), 'ünï');
  const b = new Uint8Array([9]);
  t.equal(bytesCodec.decode(bytesCodec.encode(b)), b);
  t.throws(() => utf8Codec.decode(new Uint8Array([0xff])), 'invalid UTF-8 is rejected');
});
