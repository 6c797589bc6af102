import { BinaryReader, BinaryWriter } from '@raftbus/state-machine';

/** What a session remembers of the last command it applied. */
export interface SessionRecord {
  readonly seq: number;
  /** The encoded result, or undefined when the command failed (then `error` holds the message). */
  readonly result: Uint8Array | undefined;
  readonly error: string | undefined;
  readonly lastActiveLogTimeMs: number;
}

/**
 * Replicated client sessions (Raft thesis §6.3): per client, the last sequence number applied and its
 * result, so a retried command returns the first result instead of applying twice. Part of the
 * replicated state (included in snapshots); sessions expire by log time, identically on every node.
 *
 * A client must not have two commands in flight with the same session at once (sequence numbers are
 * applied in order; one older than the last applied is refused).
 */
export class SessionTable {
  /** Insertion order = least recently active first, so expiry pops from the front. */
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(
    readonly ttlMs: number,
    readonly maxSessions: number,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  get(clientId: string): SessionRecord | undefined {
    return this.sessions.get(clientId);
  }

  record(clientId: string, rec: SessionRecord): void {
    this.sessions.delete(clientId);
    this.sessions.set(clientId, rec);
    // Bounded: beyond maxSessions the least recently active session is dropped (as if expired).
    while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
  }

  /** Drop sessions idle for longer than the TTL at log time `nowLogTimeMs`. */
  expire(nowLogTimeMs: number): void {
    for (const [id, rec] of this.sessions) {
      if (nowLogTimeMs - rec.lastActiveLogTimeMs <= this.ttlMs) break;
      this.sessions.delete(id);
    }
  }

  encode(w: BinaryWriter): void {
    w.uint(this.sessions.size);
    for (const [id, rec] of this.sessions) {
      w.string(id).uint(rec.seq).double(rec.lastActiveLogTimeMs);
      if (rec.result !== undefined) w.uint(0).bytes(rec.result);
      else w.uint(1).string(rec.error ?? '');
    }
  }

  decodeFrom(r: BinaryReader): void {
    this.sessions.clear();
    const n = r.uint();
    for (let k = 0; k < n; k++) {
      const id = r.string();
      const seq = r.uint();
      const lastActiveLogTimeMs = r.double();
      const failed = r.uint() === 1;
      const rec: SessionRecord = failed
        ? { seq, result: undefined, error: r.string(), lastActiveLogTimeMs }
        : { seq, result: r.bytes().slice(), error: undefined, lastActiveLogTimeMs };
      this.sessions.set(id, rec);
    }
  }
}
