import t from 'tap';
import { crc32c } from '../src/crc32c.js';

/** Bit-at-a-time reference (no tables): an independent way to the same function. */
function crc32cBitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return ~crc >>> 0;
}

const ascending = Uint8Array.from({ length: 32 }, (_, i) => i);
const descending = Uint8Array.from({ length: 32 }, (_, i) => 31 - i);

t.test('matches the published CRC-32C check values', async (t) => {
  // RFC 3720 (iSCSI) appendix B.4 and the CRC catalogue's check value for "123456789".
  t.equal(crc32c(Buffer.from('123456789')), 0xe3069283, '"123456789"');
  t.equal(crc32c(new Uint8Array(32)), 0x8a9136aa, '32 bytes of zeros');
  t.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43, '32 bytes of 0xff');
  t.equal(crc32c(ascending), 0x46dd794e, '32 ascending bytes');
  t.equal(crc32c(descending), 0x113fdb5c, '32 descending bytes');
  t.equal(crc32c(new Uint8Array(0)), 0, 'empty input');
});

t.test('agrees with a bit-at-a-time reference on every length and alignment up to 80 bytes', async (t) => {
  const bytes = Uint8Array.from({ length: 96 }, (_, i) => (i * 151 + 7) & 0xff);
  let mismatches = 0;
  for (let start = 0; start < 8; start++) {
    for (let length = 0; length <= 80; length++) {
      if (crc32c(bytes, 0, start, start + length) !== crc32cBitwise(bytes.subarray(start, start + length))) mismatches++;
    }
  }
  t.equal(mismatches, 0);
});

t.test('continues across pieces', async (t) => {
  const whole = Buffer.from('the quick brown fox jumps over the lazy dog, twice over');
  for (const cut of [0, 1, 7, 8, 9, 30, whole.length]) {
    t.equal(crc32c(whole.subarray(cut), crc32c(whole.subarray(0, cut))), crc32c(whole), `cut at ${cut}`);
  }
});

t.test('detects every single-bit flip in a record-sized buffer', async (t) => {
  const record = Uint8Array.from({ length: 141 }, (_, i) => (i * 37) & 0xff);
  const good = crc32c(record);
  let undetected = 0;
  for (let bit = 0; bit < record.length * 8; bit++) {
    record[bit >> 3]! ^= 1 << (bit & 7);
    if (crc32c(record) === good) undetected++;
    record[bit >> 3]! ^= 1 << (bit & 7);
  }
  t.equal(undetected, 0);
});
