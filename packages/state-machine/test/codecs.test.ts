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

t.test('skipBytes passes a length-prefixed field without a view and says where it starts; position follows', async (t) => {
  const bytes = new BinaryWriter().bytes(new Uint8Array([9, 8, 7])).string('ab').uint(300).finish();
  const r = new BinaryReader(bytes);
  t.equal(r.position, 0);
  t.equal(r.skipBytes(), 1, 'after its one-byte length');
  t.equal(r.position, 4);
  t.same([...bytes.subarray(1, 4)], [9, 8, 7]);
  const start = r.skipBytes();
  t.equal(new TextDecoder().decode(bytes.subarray(start, r.position)), 'ab');
  t.equal(r.uint(), 300);
  t.equal(r.remaining, 0);
  t.throws(() => new BinaryReader(new Uint8Array([5, 1])).skipBytes(), DecodeError, 'a length beyond the input');
});

t.test('finish copies exactly what was written, short results by hand and long ones through set()', async (t) => {
  for (const n of [0, 1, 5, 255, 256, 257, 1000, 5000]) {
    const w = new BinaryWriter(8);
    for (let k = 0; k < n; k++) w.uint(k % 128);
    const out = w.finish();
    t.equal(out.length, n, `${n} bytes`);
    t.ok(out.every((b, k) => b === k % 128), `${n} bytes, every one in place`);
  }
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
