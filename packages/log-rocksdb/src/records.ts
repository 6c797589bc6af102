import { EntryType } from '@raftbus/core';
import type { ConfState, Entry, HardState, SnapshotMeta } from '@raftbus/core';
import { crc32c } from './crc32c.js';

/**
 * On-disk layout. Every key is a one-byte keyspace tag followed (for entries and snapshot chunks) by a
 * fixed-width 8-byte big-endian number, so RocksDB's bytewise order is index order and a range of the log
 * is one contiguous key range.
 *
 * Every value starts with a CRC-32C computed over the key and the rest of the value. Covering the key
 * catches a record that is intact but stored under the wrong key (a misdirected write).
 *
 *   0x01 0x01  format      "raftbus-log/2"
 *   0x01 0x02  bounds      first u64, last u64       (which entries are live; written with every change)
 *   0x01 0x03  hard state  term u64, commit u64, vote utf8
 *   0x01 0x04  snapshot    index u64, term u64, dataBytes u64, chunkCount u32, dataCrc u32, conf state
 *   0x01 0x05  conf state  conf state
 *   0x02 n     snapshot data chunk n (u64): raw bytes
 *   0x03 i     run starting at entry i (u64): the entries of one write (see encodeRun)
 *
 * A run's entries are live from its key up to the next run's key − 1 and the bounds' last index: a write
 * that replaces a conflicting suffix adds a run at the first replaced index and deletes the runs after it,
 * so the replaced tail of the run before stays on disk, dead. No run key is ever above the last index.
 * Format 1 stored one key per entry; a run per write makes an append one put and a compaction one delete
 * per run instead of per entry.
 */

export const FORMAT = 'raftbus-log/2';
const CRC_BYTES = 4;
const U64_BYTES = 8;
/** Node ids and member lists are length-prefixed with u16. */
const U16_MAX = 0xffff;

const TAG_META = 0x01;
const TAG_SNAPSHOT_CHUNK = 0x02;
const TAG_ENTRY = 0x03;

export const KEY_FORMAT = Buffer.from([TAG_META, 0x01]);
export const KEY_BOUNDS = Buffer.from([TAG_META, 0x02]);
export const KEY_HARD_STATE = Buffer.from([TAG_META, 0x03]);
export const KEY_SNAPSHOT = Buffer.from([TAG_META, 0x04]);
export const KEY_CONF_STATE = Buffer.from([TAG_META, 0x05]);
export const META_RANGE = { gte: Buffer.from([TAG_META]), lt: Buffer.from([TAG_META + 1]) } as const;
export const SNAPSHOT_CHUNK_RANGE = { gte: Buffer.from([TAG_SNAPSHOT_CHUNK]), lt: Buffer.from([TAG_SNAPSHOT_CHUNK + 1]) } as const;
export const ENTRY_KEY_END = Buffer.from([TAG_ENTRY + 1]);

function numberKey(tag: number, n: number): Buffer {
  const key = Buffer.allocUnsafe(1 + U64_BYTES);
  key[0] = tag;
  key.writeUInt32BE(Math.floor(n / 0x1_0000_0000), 1);
  key.writeUInt32BE(n >>> 0, 5);
  return key;
}

/** The key of the run whose first entry is `index`. */
export const entryKey = (index: number): Buffer => numberKey(TAG_ENTRY, index);
export const snapshotChunkKey = (chunk: number): Buffer => numberKey(TAG_SNAPSHOT_CHUNK, chunk);

/** The first index of a run key, or undefined if `key` is not one. */
export function entryIndexOf(key: Buffer): number | undefined {
  if (key.length !== 1 + U64_BYTES || key[0] !== TAG_ENTRY) return undefined;
  // An index past 2^53 was never written: the key itself is damaged.
  if (key.readUInt32BE(1) >= 0x20_0000) return undefined;
  return readU64(key, 1);
}

function readU64(buffer: Buffer, offset: number): number {
  const high = buffer.readUInt32BE(offset);
  if (high >= 0x20_0000) throw new RangeError(`u64 at ${offset} exceeds 2^53`);
  return high * 0x1_0000_0000 + buffer.readUInt32BE(offset + 4);
}

function writeU64(buffer: Buffer, offset: number, n: number): void {
  buffer.writeUInt32BE(Math.floor(n / 0x1_0000_0000), offset);
  buffer.writeUInt32BE(n >>> 0, offset + 4);
}

function seal(key: Buffer, value: Buffer): Buffer {
  value.writeUInt32BE(crc32c(value, crc32c(key), CRC_BYTES), 0);
  return value;
}

/** True when the value's stored checksum matches its key and body. */
export function checksumMatches(key: Buffer, value: Buffer): boolean {
  return value.length >= CRC_BYTES && value.readUInt32BE(0) === crc32c(value, crc32c(key), CRC_BYTES);
}

/** A value that passed its checksum but does not decode: a bug or a format change, never skippable. */
export class RecordFormatError extends Error {}

/**
 * A run: the entries of one write, under the key of the first. Header: CRC-32C (over the key and the count),
 * count u32. Then each entry: data length u32, CRC-32C u32 (over the entry's index as u64, then its term,
 * type and data), term u64, type u8, data. The per-entry checksum names the damaged index exactly.
 */
const RUN_HEADER_BYTES = CRC_BYTES + 4;
const RUN_ENTRY_HEADER_BYTES = 4 + CRC_BYTES + U64_BYTES + 1;
const indexScratch = Buffer.allocUnsafe(U64_BYTES);

function indexSeed(index: number): number {
  writeU64(indexScratch, 0, index);
  return crc32c(indexScratch);
}

export function encodeRun(key: Buffer, entries: readonly Entry[]): Buffer {
  let size = RUN_HEADER_BYTES;
  for (const entry of entries) size += RUN_ENTRY_HEADER_BYTES + entry.data.length;
  const value = Buffer.allocUnsafe(size);
  value.writeUInt32BE(entries.length, CRC_BYTES);
  value.writeUInt32BE(crc32c(value, crc32c(key), CRC_BYTES, RUN_HEADER_BYTES), 0);
  let offset = RUN_HEADER_BYTES;
  for (const entry of entries) {
    const body = offset + 4 + CRC_BYTES;
    value.writeUInt32BE(entry.data.length, offset);
    writeU64(value, body, entry.term);
    value[body + U64_BYTES] = entry.type;
    value.set(entry.data, body + U64_BYTES + 1);
    const end = body + U64_BYTES + 1 + entry.data.length;
    value.writeUInt32BE(crc32c(value, indexSeed(entry.index), body, end), offset + 4);
    offset = end;
  }
  return value;
}

/** A stored run that cannot be read: `index` names its first damaged or undecodable entry. */
export class RunDamage extends Error {
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The entry count of a run whose header checksum matches; a RunDamage at the run's first index otherwise. */
export function runCount(key: Buffer, value: Buffer, firstIndex: number): number {
  if (value.length < RUN_HEADER_BYTES || value.readUInt32BE(0) !== crc32c(value, crc32c(key), CRC_BYTES, RUN_HEADER_BYTES)) {
    throw new RunDamage(firstIndex, 'checksum mismatch in the run header');
  }
  return value.readUInt32BE(CRC_BYTES);
}

/**
 * Visits the run's entries from `fromIndex` up to `lastIndex` (inclusive), each with its checksum verified
 * and its data copied (the caller owns it); `visit` returns false to stop. Entries before `fromIndex` are
 * stepped over unread.
 */
export function readRun(key: Buffer, value: Buffer, firstIndex: number, lastIndex: number, fromIndex: number, visit: (entry: Entry, dataBytes: number) => boolean): void {
  const count = runCount(key, value, firstIndex);
  let offset = RUN_HEADER_BYTES;
  const end = Math.min(lastIndex, firstIndex + count - 1);
  for (let index = firstIndex; index <= end; index++) {
    if (offset + RUN_ENTRY_HEADER_BYTES > value.length) throw new RunDamage(index, 'the run is truncated');
    const length = value.readUInt32BE(offset);
    const body = offset + 4 + CRC_BYTES;
    const next = body + U64_BYTES + 1 + length;
    if (next > value.length) throw new RunDamage(index, 'the run is truncated');
    offset = next;
    if (index < fromIndex) continue;
    if (value.readUInt32BE(body - CRC_BYTES) !== crc32c(value, indexSeed(index), body, next)) throw new RunDamage(index, 'checksum mismatch');
    const type = value[body + U64_BYTES]! as EntryType;
    if (type !== EntryType.Normal && type !== EntryType.ConfChange) throw new RunDamage(index, `unknown entry type ${String(type)}`);
    const data = Uint8Array.prototype.slice.call(value, body + U64_BYTES + 1, next);
    if (!visit({ index, term: readU64(value, body), type, data }, length)) return;
  }
}

/** Byte offset of entry `index`'s data inside its run (fault-injection tests aim at it). */
export function runDataOffset(value: Buffer, firstIndex: number, index: number): number {
  let offset = RUN_HEADER_BYTES;
  for (let i = firstIndex; i < index; i++) offset += RUN_ENTRY_HEADER_BYTES + value.readUInt32BE(offset);
  return offset + RUN_ENTRY_HEADER_BYTES;
}

export function encodeFormat(): Buffer {
  const body = Buffer.from(FORMAT, 'utf8');
  const value = Buffer.allocUnsafe(CRC_BYTES + body.length);
  body.copy(value, CRC_BYTES);
  return seal(KEY_FORMAT, value);
}

export const decodeFormat = (value: Buffer): string => value.toString('utf8', CRC_BYTES);

export interface Bounds {
  readonly firstIndex: number;
  readonly lastIndex: number;
}

export function encodeBounds(bounds: Bounds): Buffer {
  const value = Buffer.allocUnsafe(CRC_BYTES + 2 * U64_BYTES);
  writeU64(value, CRC_BYTES, bounds.firstIndex);
  writeU64(value, CRC_BYTES + U64_BYTES, bounds.lastIndex);
  return seal(KEY_BOUNDS, value);
}

export function decodeBounds(value: Buffer): Bounds {
  expectLength(value, CRC_BYTES + 2 * U64_BYTES, 'bounds');
  return { firstIndex: readU64(value, CRC_BYTES), lastIndex: readU64(value, CRC_BYTES + U64_BYTES) };
}

export function encodeHardState(hardState: HardState): Buffer {
  const vote = Buffer.from(hardState.vote, 'utf8');
  const value = Buffer.allocUnsafe(CRC_BYTES + 2 * U64_BYTES + vote.length);
  writeU64(value, CRC_BYTES, hardState.term);
  writeU64(value, CRC_BYTES + U64_BYTES, hardState.commit);
  vote.copy(value, CRC_BYTES + 2 * U64_BYTES);
  return seal(KEY_HARD_STATE, value);
}

export function decodeHardState(value: Buffer): HardState {
  expectLength(value, CRC_BYTES + 2 * U64_BYTES, 'hard state', true);
  return {
    term: readU64(value, CRC_BYTES),
    commit: readU64(value, CRC_BYTES + U64_BYTES),
    vote: value.toString('utf8', CRC_BYTES + 2 * U64_BYTES),
  };
}

/** Snapshot metadata plus what is needed to reassemble and verify its data from chunks. */
export interface StoredSnapshotMeta {
  readonly meta: SnapshotMeta;
  readonly dataBytes: number;
  readonly chunkCount: number;
  readonly dataCrc: number;
}

const SNAPSHOT_FIXED_BYTES = CRC_BYTES + 3 * U64_BYTES + 4 + 4;

export function encodeSnapshotMeta(stored: StoredSnapshotMeta): Buffer {
  const conf = encodeConfStateBody(stored.meta.confState);
  const value = Buffer.allocUnsafe(SNAPSHOT_FIXED_BYTES + conf.length);
  writeU64(value, CRC_BYTES, stored.meta.index);
  writeU64(value, CRC_BYTES + U64_BYTES, stored.meta.term);
  writeU64(value, CRC_BYTES + 2 * U64_BYTES, stored.dataBytes);
  value.writeUInt32BE(stored.chunkCount, CRC_BYTES + 3 * U64_BYTES);
  value.writeUInt32BE(stored.dataCrc, CRC_BYTES + 3 * U64_BYTES + 4);
  conf.copy(value, SNAPSHOT_FIXED_BYTES);
  return seal(KEY_SNAPSHOT, value);
}

export function decodeSnapshotMeta(value: Buffer): StoredSnapshotMeta {
  expectLength(value, SNAPSHOT_FIXED_BYTES, 'snapshot', true);
  const { confState, end } = decodeConfStateBody(value, SNAPSHOT_FIXED_BYTES);
  if (end !== value.length) throw new RecordFormatError(`snapshot record has ${value.length - end} trailing bytes`);
  return {
    meta: { index: readU64(value, CRC_BYTES), term: readU64(value, CRC_BYTES + U64_BYTES), confState },
    dataBytes: readU64(value, CRC_BYTES + 2 * U64_BYTES),
    chunkCount: value.readUInt32BE(CRC_BYTES + 3 * U64_BYTES),
    dataCrc: value.readUInt32BE(CRC_BYTES + 3 * U64_BYTES + 4),
  };
}

export function encodeSnapshotChunk(key: Buffer, data: Uint8Array): Buffer {
  const value = Buffer.allocUnsafe(CRC_BYTES + data.byteLength);
  value.set(data, CRC_BYTES);
  return seal(key, value);
}

export const snapshotChunkData = (value: Buffer): Buffer => value.subarray(CRC_BYTES);

export function encodeConfState(confState: ConfState): Buffer {
  const body = encodeConfStateBody(confState);
  const value = Buffer.allocUnsafe(CRC_BYTES + body.length);
  body.copy(value, CRC_BYTES);
  return seal(KEY_CONF_STATE, value);
}

export function decodeConfState(value: Buffer): ConfState {
  const { confState, end } = decodeConfStateBody(value, CRC_BYTES);
  if (end !== value.length) throw new RecordFormatError(`conf state record has ${value.length - end} trailing bytes`);
  return confState;
}

function encodeConfStateBody(confState: ConfState): Buffer {
  const parts: Buffer[] = [];
  for (const ids of [confState.voters, confState.learners, confState.votersOutgoing]) {
    if (ids.length > U16_MAX) throw new RangeError(`a membership list of ${ids.length} ids exceeds ${U16_MAX}`);
    parts.push(u16(ids.length));
    for (const id of ids) {
      const bytes = Buffer.from(id, 'utf8');
      if (bytes.length > U16_MAX) throw new RangeError(`node id of ${bytes.length} bytes exceeds ${U16_MAX}`);
      parts.push(u16(bytes.length), bytes);
    }
  }
  return Buffer.concat(parts);
}

function decodeConfStateBody(value: Buffer, start: number): { confState: ConfState; end: number } {
  let offset = start;
  const take = (bytes: number): number => {
    if (offset + bytes > value.length) throw new RecordFormatError('conf state is truncated');
    const at = offset;
    offset += bytes;
    return at;
  };
  const lists: string[][] = [];
  for (let list = 0; list < 3; list++) {
    const count = value.readUInt16BE(take(2));
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const length = value.readUInt16BE(take(2));
      ids.push(value.toString('utf8', take(length), offset));
    }
    lists.push(ids);
  }
  return { confState: { voters: lists[0]!, learners: lists[1]!, votersOutgoing: lists[2]! }, end: offset };
}

function u16(n: number): Buffer {
  const buffer = Buffer.allocUnsafe(2);
  buffer.writeUInt16BE(n, 0);
  return buffer;
}

function expectLength(value: Buffer, bytes: number, what: string, atLeast = false): void {
  if (atLeast ? value.length < bytes : value.length !== bytes) {
    throw new RecordFormatError(`${what} record of ${value.length} bytes, expected ${atLeast ? 'at least ' : ''}${bytes}`);
  }
}
