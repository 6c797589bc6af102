import { BinaryReader, BinaryWriter } from '@raftbus/state-machine';
import { SequenceMap } from './sequence-map.js';

/** The remembered outcome of one command of a session. */
export interface SessionResponse {
  /** The encoded result, or undefined when the command failed (then `error` holds the message). */
  readonly result: Uint8Array | undefined;
  readonly error: string | undefined;
}

/**
 * An outcome as the table keeps it: the encoded result, or the error message. No wrapper object per
 * command: one object fewer, and none that V8 may place straight in the old generation (it does so for
 * allocation sites whose objects often outlive a young collection) to keep its result alive there, after
 * the session has forgotten it, until the next full collection.
 */
export type SessionOutcome = Uint8Array | string;

interface Session {
  /** Every command below this sequence number has been answered and acknowledged by the client. */
  ackedBelow: number;
  /** Outcomes of applied commands at or above `ackedBelow`, by sequence number. */
  readonly responses: SequenceMap<SessionOutcome>;
  lastActiveLogTimeMs: number;
}

/** What applying a command of a session should do. */
export type SessionVerdict =
  | { readonly kind: 'apply' }
  | { readonly kind: 'duplicate'; readonly response: SessionResponse }
  | { readonly kind: 'stale'; readonly reason: string };

/**
 * Replicated client sessions (Raft thesis §6.3) for pipelined clients: per client, the outcome of every
 * applied command it has not yet acknowledged, so a retried command returns its first outcome instead of
 * applying twice — whatever order retries and new commands arrive in. Each command carries `ackedBelow`
 * (the client has its answers for every sequence number below it), which lets the table forget them.
 * Part of the replicated state (in snapshots); sessions expire by log time, identically on every node.
 */
export class SessionTable {
  /** Insertion order = least recently active first, so expiry pops from the front. */
  private readonly sessions = new Map<string, Session>();
  /** The client id last inserted or moved: the map's last entry (if it is still in it). */
  private lastMovedId = '';

  constructor(
    readonly ttlMs: number,
    readonly maxSessions: number,
    /** Unacknowledged responses kept per client; a client pipelining more gets its oldest refused. */
    readonly maxResponsesPerSession: number,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  check(clientId: string, seq: number, logTimeMs: number): SessionVerdict {
    const s = this.sessions.get(clientId);
    if (!s) return { kind: 'apply' };
    this.touch(clientId, s, logTimeMs);
    const known = s.responses.get(seq);
    if (known !== undefined) return { kind: 'duplicate', response: typeof known === 'string' ? { result: undefined, error: known } : { result: known, error: undefined } };
    if (seq < s.ackedBelow) return { kind: 'stale', reason: `sequence ${seq} of client ${clientId} was already answered and acknowledged` };
    return { kind: 'apply' };
  }

  record(clientId: string, seq: number, ackedBelow: number, outcome: SessionOutcome, logTimeMs: number): void {
    let s = this.sessions.get(clientId);
    if (!s) {
      s = { ackedBelow: 0, responses: new SequenceMap(), lastActiveLogTimeMs: logTimeMs };
      this.sessions.set(clientId, s);
      this.lastMovedId = clientId;
      // Bounded: beyond maxSessions the least recently active session is dropped (as if expired).
      while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
    }
    this.touch(clientId, s, logTimeMs);
    this.keep(s, seq, outcome);
    if (ackedBelow > s.ackedBelow) {
      s.responses.deleteBelow(ackedBelow);
      s.ackedBelow = ackedBelow;
    }
  }

  /**
   * Keeps `outcome` for `seq`: at most `maxResponsesPerSession` responses per session, over at most
   * twice as many sequence numbers (the memory follows the spread). The oldest beyond either bound are
   * forgotten as if acknowledged, so a retry of one of them is refused as stale.
   */
  private keep(s: Session, seq: number, outcome: SessionOutcome): void {
    const max = this.maxResponsesPerSession;
    s.ackedBelow = Math.max(s.ackedBelow, s.responses.setWithin(seq, outcome, max, 2 * max));
  }

  /**
   * Moves the session to the most recently active end, keeping the map ordered by activity for expiry.
   * Log time never decreases, so a session already stamped with `logTimeMs` is already in order (every
   * session after it carries the same time): the move is needed once per batch, not once per command.
   */
  private touch(clientId: string, s: Session, logTimeMs: number): void {
    if (s.lastActiveLogTimeMs === logTimeMs) return;
    s.lastActiveLogTimeMs = logTimeMs;
    // Already the last entry (one busy client): a delete and set would shrink and regrow the table.
    if (clientId === this.lastMovedId) return;
    this.sessions.delete(clientId);
    this.sessions.set(clientId, s);
    this.lastMovedId = clientId;
  }

  /** Drop sessions idle for longer than the TTL at log time `nowLogTimeMs`. */
  expire(nowLogTimeMs: number): void {
    for (const [id, s] of this.sessions) {
      if (nowLogTimeMs - s.lastActiveLogTimeMs <= this.ttlMs) break;
      this.sessions.delete(id);
    }
  }

  encode(w: BinaryWriter): void {
    w.uint(this.sessions.size);
    for (const [id, s] of this.sessions) {
      w.string(id).uint(s.ackedBelow).double(s.lastActiveLogTimeMs).uint(s.responses.size);
      for (const [seq, r] of s.responses.entries()) {
        w.uint(seq);
        if (typeof r === 'string') w.uint(1).string(r);
        else w.uint(0).bytes(r);
      }
    }
  }

  decodeFrom(r: BinaryReader): void {
    this.sessions.clear();
    this.lastMovedId = '';
    for (let n = r.uint(); n > 0; n--) {
      const id = r.string();
      const ackedBelow = r.uint();
      const lastActiveLogTimeMs = r.double();
      const s: Session = { ackedBelow, responses: new SequenceMap(), lastActiveLogTimeMs };
      for (let k = r.uint(); k > 0; k--) {
        const seq = r.uint();
        const failed = r.uint() === 1;
        this.keep(s, seq, failed ? r.string() : r.bytes().slice());
      }
      this.sessions.set(id, s);
    }
  }
}
