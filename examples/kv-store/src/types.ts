// The kv-store's commands, results, queries and limits. Keys are strings, values are bytes.

/** Set `key` to `value`; the result carries the value it replaced. */
export interface PutCommand {
  readonly type: 'put';
  readonly key: string;
  readonly value: Uint8Array;
}

/**
 * Set `key` to `value` and answer nothing else: `put` without the replaced value, as etcd's put without
 * `prev_kv`. No copy of the old value is made, encoded, kept for retries or sent back, on any replica.
 */
export interface SetCommand {
  readonly type: 'set';
  readonly key: string;
  readonly value: Uint8Array;
}

/** Remove `key`. */
export interface DeleteCommand {
  readonly type: 'delete';
  readonly key: string;
}

/**
 * Compare-and-set: set `key` to `value` only if its current value equals `expected` byte for byte —
 * or, with `expected` null, only if the key is absent.
 */
export interface CasCommand {
  readonly type: 'cas';
  readonly key: string;
  readonly expected: Uint8Array | null;
  readonly value: Uint8Array;
}

export type KvCommand = PutCommand | SetCommand | DeleteCommand | CasCommand;

export interface PutResult {
  readonly kind: 'put';
  /** The value replaced, or null if the key was absent. */
  readonly previous: Uint8Array | null;
}

export interface SetResult {
  readonly kind: 'set';
}

export interface DeleteResult {
  readonly kind: 'delete';
  /** False if the key was already absent. */
  readonly deleted: boolean;
}

export interface CasResult {
  readonly kind: 'cas';
  readonly ok: boolean;
  /** The key's value after the command: the new value if `ok`, else the current one (null: absent). */
  readonly value: Uint8Array | null;
}

export type KvResult = PutResult | SetResult | DeleteResult | CasResult;

/** Read one key: its value, or null when absent. */
export interface GetQuery {
  readonly type: 'get';
  readonly key: string;
}

export type KvQuery = GetQuery;
export type KvQueryResult = Uint8Array | null;

/** Bounds; a command beyond one fails with a typed error in `apply`, identically on every replica. */
export interface KvLimits {
  /** Keys longer than this many UTF-8 bytes are refused (empty keys too). Default 1 KiB. */
  readonly maxKeyBytes: number;
  /** Values (and cas `expected` values) longer than this are refused. Default 1 MiB. */
  readonly maxValueBytes: number;
  /** Keys stored at once; a put or cas creating a key beyond it fails. Default 1 000 000. */
  readonly maxKeys: number;
}

export const DEFAULT_KV_LIMITS: KvLimits = {
  maxKeyBytes: 1024,
  maxValueBytes: 1024 * 1024,
  maxKeys: 1_000_000,
};
