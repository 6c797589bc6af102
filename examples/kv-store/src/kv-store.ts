import { Buffer } from 'node:buffer';
import { BinaryReader, BinaryWriter, DecodeError, type StateMachine } from '@raftbus/state-machine';
import { copyBytes, fromByteString, toByteString } from './bytes.js';
import { KvArgumentError, KvLimitError } from './errors.js';
import { DEFAULT_KV_LIMITS, type CasCommand, type CasResult, type KvCommand, type KvLimits, type KvQuery, type KvQueryResult, type KvResult, type SetResult } from './types.js';

const SNAPSHOT_VERSION = 1;
/** Snapshot bytes per entry besides the key and value: two length prefixes (≤ 3 bytes each at the bounds). */
const SNAPSHOT_ENTRY_OVERHEAD_BYTES = 8;
/** Every set answers the same frozen result: nothing per command to allocate. */
const SET_RESULT: SetResult = Object.freeze({ kind: 'set' });

/**
 * A map from string keys to byte values with put, set, delete and compare-and-set, as a deterministic state
 * machine. A command is validated in full before it changes anything, so a refused command has no
 * effect on any replica.
 *
 * Ownership: the store keeps its own copy of every value, as a one-byte string (see bytes.ts: an array per
 * value costs a malloc and a GC sweep on every replica for every put); the arrays in commands are only
 * read. `query` and results return new arrays, so no caller can change the replicated state by writing
 * into one.
 */
export class KvStore implements StateMachine<KvCommand, KvResult, KvQuery, KvQueryResult> {
  readonly limits: KvLimits;
  /** Key → value bytes as a one-byte string (toByteString). */
  private data = new Map<string, string>();

  constructor(limits: Partial<KvLimits> = {}) {
    this.limits = checkLimits({ ...DEFAULT_KV_LIMITS, ...limits });
  }

  get size(): number {
    return this.data.size;
  }

  apply(command: KvCommand): KvResult {
    switch (command.type) {
      case 'put': {
        const previous = this.store(command.key, command.value);
        return { kind: 'put', previous: previous === undefined ? null : fromByteString(previous) };
      }
      case 'set':
        this.store(command.key, command.value);
        return SET_RESULT;
      case 'delete':
        return { kind: 'delete', deleted: this.data.delete(this.checkKey(command.key)) };
      case 'cas':
        return this.cas(command);
      default:
        throw new KvArgumentError('type', `unknown command type ${JSON.stringify((command as { type: unknown }).type)}`);
    }
  }

  query(query: KvQuery): KvQueryResult {
    if (query.type !== 'get') throw new KvArgumentError('type', `unknown query type ${JSON.stringify((query as { type: unknown }).type)}`);
    const value = this.data.get(query.key);
    return value === undefined ? null : fromByteString(value);
  }

  snapshot(): Uint8Array {
    let bytes = 16;
    for (const [key, value] of this.data) bytes += key.length * 3 + value.length + SNAPSHOT_ENTRY_OVERHEAD_BYTES;
    const w = new BinaryWriter(bytes).uint(SNAPSHOT_VERSION).uint(this.data.size);
    // Map order is insertion order, the same on every replica, so restored replicas snapshot identically.
    for (const [key, value] of this.data) w.string(key).bytes(fromByteString(value));
    return w.finish();
  }

  restore(snapshot: Uint8Array): void {
    const r = new BinaryReader(snapshot);
    const version = r.uint();
    if (version !== SNAPSHOT_VERSION) throw new DecodeError(`kv snapshot version ${version}; expected ${SNAPSHOT_VERSION}`);
    const data = new Map<string, string>();
    for (let n = r.uint(); n > 0; n--) {
      const key = r.string();
      if (data.has(key)) throw new DecodeError(`key '${key}' appears twice in the snapshot`);
      // A copy: a view would pin the whole snapshot buffer in memory for as long as the value lives.
      data.set(key, toByteString(r.bytes()));
    }
    if (r.remaining !== 0) throw new DecodeError(`${r.remaining} bytes after the kv snapshot`);
    this.data = data;
  }

  private cas(command: CasCommand): CasResult {
    const key = this.checkKey(command.key);
    const expected = command.expected === null ? null : this.checkValue('expected', command.expected);
    const value = this.checkValue('value', command.value);
    const current = this.data.get(key);
    const matches = expected === null ? current === undefined : current !== undefined && current.length === expected.byteLength && current === toByteString(expected);
    if (!matches) return { kind: 'cas', ok: false, value: current === undefined ? null : fromByteString(current) };
    if (current === undefined) this.checkRoom(key);
    this.data.set(key, toByteString(value));
    return { kind: 'cas', ok: true, value: copyBytes(value) };
  }

  private checkKey(key: unknown): string {
    if (typeof key !== 'string' || key.length === 0) throw new KvArgumentError('key', 'must be a non-empty string');
    const max = this.limits.maxKeyBytes;
    // key.length is a lower bound on the UTF-8 size, so most keys skip the exact count.
    if (key.length > max || Buffer.byteLength(key, 'utf8') > max) {
      throw new KvArgumentError('key', `${Buffer.byteLength(key, 'utf8')} UTF-8 bytes; the limit is ${max} (maxKeyBytes)`);
    }
    return key;
  }

  /** put and set: validate, make room for a new key, keep a copy; returns the value replaced. */
  private store(rawKey: unknown, rawValue: unknown): string | undefined {
    const key = this.checkKey(rawKey);
    const value = this.checkValue('value', rawValue);
    const previous = this.data.get(key);
    if (previous === undefined) this.checkRoom(key);
    this.data.set(key, toByteString(value));
    return previous;
  }

  private checkValue(field: 'value' | 'expected', value: unknown): Uint8Array {
    if (!(value instanceof Uint8Array)) throw new KvArgumentError(field, 'must be a Uint8Array');
    if (value.byteLength > this.limits.maxValueBytes) {
      throw new KvArgumentError(field, `${value.byteLength} bytes; the limit is ${this.limits.maxValueBytes} (maxValueBytes)`);
    }
    return value;
  }

  private checkRoom(key: string): void {
    if (this.data.size >= this.limits.maxKeys) throw new KvLimitError('maxKeys', this.limits.maxKeys, `${this.data.size} keys are stored; cannot add '${key}'`);
  }
}

/** Limits are configuration: every replica must be built with the same ones, and they must make sense. */
function checkLimits(limits: KvLimits): KvLimits {
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new KvArgumentError(`limits.${key}`, `${String(value)} is not a positive integer`);
  }
  return limits;
}
