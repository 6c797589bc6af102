/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of iSCSI, ext4 and RocksDB itself.
 * Table-driven, slicing-by-8: eight 256-entry tables let the loop fold 8 input bytes per step, which in V8
 * runs several times faster than the byte-at-a-time table and needs no native build.
 */

const POLYNOMIAL_REFLECTED = 0x82f63b78;
const SLICES = 8;

const TABLES: Uint32Array = buildTables();

function buildTables(): Uint32Array {
  const tables = new Uint32Array(256 * SLICES);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL_REFLECTED : crc >>> 1;
    tables[byte] = crc >>> 0;
  }
  // tables[k][b] = the CRC of byte b followed by k zero bytes, so 8 lookups cover 8 bytes at once.
  for (let slice = 1; slice < SLICES; slice++) {
    for (let byte = 0; byte < 256; byte++) {
      const previous = tables[(slice - 1) * 256 + byte]!;
      tables[slice * 256 + byte] = ((previous >>> 8) ^ tables[previous & 0xff]!) >>> 0;
    }
  }
  return tables;
}

/**
 * CRC-32C of `bytes[start, end)`. Pass the result of a previous call as `previous` to continue a checksum
 * over several pieces: crc32c(b, crc32c(a)) === crc32c(a ‖ b).
 */
export function crc32c(bytes: Uint8Array, previous = 0, start = 0, end = bytes.length): number {
  const t = TABLES;
  let crc = ~previous >>> 0;
  let i = start;
  const fastEnd = start + ((end - start) & ~7);
  while (i < fastEnd) {
    const low = (crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>> 0;
    crc =
      t[7 * 256 + (low & 0xff)]! ^
      t[6 * 256 + ((low >>> 8) & 0xff)]! ^
      t[5 * 256 + ((low >>> 16) & 0xff)]! ^
      t[4 * 256 + (low >>> 24)]! ^
      t[3 * 256 + bytes[i + 4]!]! ^
      t[2 * 256 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
    i += 8;
  }
  while (i < end) crc = (crc >>> 8) ^ t[(crc ^ bytes[i++]!) & 0xff]!;
  return ~crc >>> 0;
}
