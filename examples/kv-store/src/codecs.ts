// Binary codecs for the kv-store: values up to 1 MiB cross the log and the network as raw bytes, never
// as JSON or base64. A one-byte tag starts each message; decoders refuse unknown tags and trailing bytes.
// A decoded command's values are views of the entry: the store copies what it keeps, and the command dies
// with the apply. Decoded results and query results are copies, because their callers keep them and a view
// would pin the whole reply frame.
import { BinaryReader, BinaryWriter, DecodeError, type Codec } from '@raftbus/state-machine';
import { copyBytes } from './bytes.js';
import type { KvCommand, KvQuery, KvQueryResult, KvResult } from './types.js';

// Plain objects, not enums: Node's type stripping (Node 22+) cannot run enums.
const CommandTag = { Put: 1, Delete: 2, Cas: 3, Set: 4 } as const;
const ResultTag = { Put: 1, Delete: 2, Cas: 3, Set: 4 } as const;
const QueryTag = { Get: 1 } as const;
/** Room for a tag, length prefixes and a short key, on top of the value bytes. */
const FRAME_OVERHEAD_BYTES = 24;

function done<T>(r: BinaryReader, value: T): T {
  if (r.remaining !== 0) throw new DecodeError(`${r.remaining} trailing bytes`);
  return value;
}

function writeOptionalBytes(w: BinaryWriter, value: Uint8Array | null): BinaryWriter {
  return value === null ? w.uint(0) : w.uint(1).bytes(value);
}

/** Optional bytes: a view of the input for commands, a copy for results (see the top of this file). */
function readOptionalBytes(r: BinaryReader, copy: boolean): Uint8Array | null {
  const present = r.uint();
  if (present > 1) throw new DecodeError(`bad presence flag ${present}`);
  if (present === 0) return null;
  return copy ? copyBytes(r.bytes()) : r.bytes();
}

export const kvCommandCodec: Codec<KvCommand> = {
  encode(c) {
    const w = new BinaryWriter(FRAME_OVERHEAD_BYTES + c.key.length * 3 + (c.type === 'delete' ? 0 : c.value.byteLength));
    switch (c.type) {
      case 'put':
        return w.uint(CommandTag.Put).string(c.key).bytes(c.value).finish();
      case 'set':
        return w.uint(CommandTag.Set).string(c.key).bytes(c.value).finish();
      case 'delete':
        return w.uint(CommandTag.Delete).string(c.key).finish();
      case 'cas':
        return writeOptionalBytes(w.uint(CommandTag.Cas).string(c.key), c.expected).bytes(c.value).finish();
    }
  },
  decode(bytes) {
    const r = new BinaryReader(bytes);
    const tag = r.uint();
    switch (tag) {
      case CommandTag.Put:
        return done(r, { type: 'put', key: r.string(), value: r.bytes() });
      case CommandTag.Set:
        return done(r, { type: 'set', key: r.string(), value: r.bytes() });
      case CommandTag.Delete:
        return done(r, { type: 'delete', key: r.string() });
      case CommandTag.Cas:
        return done(r, { type: 'cas', key: r.string(), expected: readOptionalBytes(r, false), value: r.bytes() });
      default:
        throw new DecodeError(`unknown kv command tag ${tag}`);
    }
  },
};

export const kvResultCodec: Codec<KvResult> = {
  encode(res) {
    switch (res.kind) {
      case 'put':
        return writeOptionalBytes(new BinaryWriter(FRAME_OVERHEAD_BYTES + (res.previous?.byteLength ?? 0)).uint(ResultTag.Put), res.previous).finish();
      // Tags and flags are single-byte varints: the two short results are plain arrays, no writer.
      case 'set':
        return Uint8Array.of(ResultTag.Set);
      case 'delete':
        return Uint8Array.of(ResultTag.Delete, res.deleted ? 1 : 0);
      case 'cas':
        return writeOptionalBytes(new BinaryWriter(FRAME_OVERHEAD_BYTES + (res.value?.byteLength ?? 0)).uint(ResultTag.Cas).uint(res.ok ? 1 : 0), res.value).finish();
    }
  },
  decode(bytes) {
    const r = new BinaryReader(bytes);
    const tag = r.uint();
    switch (tag) {
      case ResultTag.Put:
        return done(r, { kind: 'put', previous: readOptionalBytes(r, true) });
      case ResultTag.Set:
        return done(r, { kind: 'set' });
      case ResultTag.Delete:
        return done(r, { kind: 'delete', deleted: r.uint() === 1 });
      case ResultTag.Cas:
        return done(r, { kind: 'cas', ok: r.uint() === 1, value: readOptionalBytes(r, true) });
      default:
        throw new DecodeError(`unknown kv result tag ${tag}`);
    }
  },
};

export const kvQueryCodec: Codec<KvQuery> = {
  encode: (q) => new BinaryWriter(FRAME_OVERHEAD_BYTES + q.key.length * 3).uint(QueryTag.Get).string(q.key).finish(),
  decode(bytes) {
    const r = new BinaryReader(bytes);
    const tag = r.uint();
    if (tag !== QueryTag.Get) throw new DecodeError(`unknown kv query tag ${tag}`);
    return done(r, { type: 'get', key: r.string() });
  },
};

export const kvQueryResultCodec: Codec<KvQueryResult> = {
  encode: (value) => writeOptionalBytes(new BinaryWriter(FRAME_OVERHEAD_BYTES + (value?.byteLength ?? 0)), value).finish(),
  decode(bytes) {
    const r = new BinaryReader(bytes);
    return done(r, readOptionalBytes(r, true));
  },
};
