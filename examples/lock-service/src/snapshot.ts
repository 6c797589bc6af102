import { BinaryReader, BinaryWriter, DecodeError } from '@raftbus/state-machine';

export interface Waiter {
  readonly owner: string;
  readonly ttlMs: number;
  readonly waitDeadline: number;
}

/** A held lock (free locks are not stored). Mutable: the table updates it in place. */
export interface LockRecord {
  holder: string;
  token: number;
  expiresAt: number;
  /** FIFO: the head is granted next. May hold waiters whose deadline passed, until they are dropped. */
  waiters: Waiter[];
}

export interface LockTableState {
  readonly logTimeMs: number;
  readonly lastToken: number;
  readonly locks: Map<string, LockRecord>;
}

const SNAPSHOT_VERSION = 1;
/** Bytes reserved up front per lock; the writer grows past it when names or queues are long. */
const SNAPSHOT_BYTES_PER_LOCK_GUESS = 48;

/**
 * Layout: version | logTimeMs (f64) | lastToken | lock count | per lock, in table order: name | holder |
 * token | expiresAt (f64) | waiter count | per waiter: owner | ttlMs | waitDeadline (f64).
 * Table order is kept, so a restored replica iterates (and snapshots) exactly as the original does.
 */
export function encodeLockTable(state: LockTableState): Uint8Array {
  const w = new BinaryWriter(32 + state.locks.size * SNAPSHOT_BYTES_PER_LOCK_GUESS);
  w.uint(SNAPSHOT_VERSION).double(state.logTimeMs).uint(state.lastToken).uint(state.locks.size);
  for (const [name, rec] of state.locks) {
    w.string(name).string(rec.holder).uint(rec.token).double(rec.expiresAt).uint(rec.waiters.length);
    for (const waiter of rec.waiters) w.string(waiter.owner).uint(waiter.ttlMs).double(waiter.waitDeadline);
  }
  return w.finish();
}

/** Decode and check a snapshot; DecodeError on anything that is not a table this code wrote. */
export function decodeLockTable(bytes: Uint8Array): LockTableState {
  const r = new BinaryReader(bytes);
  const version = r.uint();
  if (version !== SNAPSHOT_VERSION) throw new DecodeError(`lock table snapshot version ${version}; expected ${SNAPSHOT_VERSION}`);
  const logTimeMs = r.double();
  const lastToken = r.uint();
  const locks = new Map<string, LockRecord>();
  for (let n = r.uint(); n > 0; n--) {
    const name = r.string();
    const holder = r.string();
    const token = r.uint();
    const expiresAt = r.double();
    const waiters: Waiter[] = [];
    // Each waiter takes at least 10 bytes, so a corrupt count fails on truncation, not on memory.
    for (let k = r.uint(); k > 0; k--) waiters.push({ owner: r.string(), ttlMs: r.uint(), waitDeadline: r.double() });
    if (locks.has(name)) throw new DecodeError(`lock '${name}' appears twice in the snapshot`);
    if (token < 1 || token > lastToken) throw new DecodeError(`lock '${name}' has token ${token} outside 1..${lastToken}`);
    locks.set(name, { holder, token, expiresAt, waiters });
  }
  if (r.remaining !== 0) throw new DecodeError(`${r.remaining} bytes after the lock table snapshot`);
  return { logTimeMs, lastToken, locks };
}
