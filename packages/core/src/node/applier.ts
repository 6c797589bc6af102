import { BinaryReader, BinaryWriter, type StateMachine, type StateMachineDefinition } from '@raftbus/state-machine';
import { ApplyError } from '../errors.js';
import type { Entry } from '../protocol/types.js';
import { decodeEnvelope, type Envelope } from './envelope.js';
import { DuplicateFilter } from './duplicate-filter.js';
import { SessionTable } from './sessions.js';

/** The result of applying one entry, for the node that proposed it. */
export interface Applied<R> {
  readonly envelope: Envelope;
  readonly index: number;
  readonly ok: boolean;
  readonly result: R | undefined;
  readonly error: Error | undefined;
  /** The result as the result codec encodes it, when the applier had to encode it anyway (sessions). */
  readonly encodedResult: Uint8Array | undefined;
}

/** Outcomes are built with one shape (every field present), so the code reading them stays monomorphic. */
function failed<R>(envelope: Envelope, index: number, error: Error): Applied<R> {
  return { envelope, index, ok: false, result: undefined, error, encodedResult: undefined };
}

const SNAPSHOT_VERSION = 2;
/** Unanswered proposals one node incarnation may have in the duplicate filter (≥ RaftNode's pending bound). */
const DUPLICATE_FILTER_IDS_PER_PROPOSER_MAX = 1 << 17;

/**
 * Applies committed entries to the user's state machine in log order, exactly once per client
 * session, with the leader-stamped log time; and snapshots/restores the replicated state (the state
 * machine's bytes plus the session table and the log clock).
 */
export class Applier<C, R, Q, QR> {
  readonly sm: StateMachine<C, R, Q, QR>;
  readonly sessions: SessionTable;
  readonly duplicates: DuplicateFilter;
  /** Monotonic log time: the maximum stamp applied so far. */
  logTimeMs = 0;

  constructor(
    readonly def: StateMachineDefinition<C, R, Q, QR>,
    sessionTtlMs: number,
    maxSessions: number,
    maxResponsesPerSession: number,
  ) {
    this.sm = def.create();
    this.sessions = new SessionTable(sessionTtlMs, maxSessions, maxResponsesPerSession);
    this.duplicates = new DuplicateFilter(sessionTtlMs, maxSessions, DUPLICATE_FILTER_IDS_PER_PROPOSER_MAX);
  }

  /** Apply one committed entry. Undefined for the leaders' no-op entries and for duplicates skipped. */
  apply(entry: Entry): Applied<R> | undefined {
    if (entry.data.length === 0) return undefined;
    // A committed entry that does not decode is corruption or a bug; stopping is the only safe answer.
    const env = decodeEnvelope(entry.data);
    this.logTimeMs = Math.max(this.logTimeMs, env.logTimeMs);
    this.sessions.expire(this.logTimeMs);
    this.duplicates.expire(this.logTimeMs);
    // A second copy of a forwarded proposal (a duplicated message): applied once, so skip it.
    if (this.duplicates.seen(env.origin, env.incarnation, env.requestId, env.requestsAckedBelow, this.logTimeMs)) return undefined;
    const index = entry.index;
    const session = env.clientId !== '';
    if (session) {
      const verdict = this.sessions.check(env.clientId, env.seq, this.logTimeMs);
      if (verdict.kind === 'stale') return failed(env, index, new ApplyError(verdict.reason));
      if (verdict.kind === 'duplicate') {
        // A retry: answer with the first outcome, apply nothing.
        const r = verdict.response;
        if (r.result === undefined) return failed(env, index, new ApplyError(r.error ?? 'failed'));
        return { envelope: env, index, ok: true, result: this.def.resultCodec.decode(r.result), error: undefined, encodedResult: r.result };
      }
    }
    let result: R | undefined;
    let error: ApplyError | undefined;
    try {
      const command = this.def.commandCodec.decode(env.command);
      result = this.sm.apply(command, { index, term: entry.term, logTimeMs: this.logTimeMs });
    } catch (e) {
      error = new ApplyError(e instanceof Error ? e.message : String(e));
    }
    if (error) {
      if (session) this.sessions.record(env.clientId, env.seq, env.ackedBelow, error.message, this.logTimeMs);
      return failed(env, index, error);
    }
    let encodedResult: Uint8Array | undefined;
    if (session) {
      // The session keeps the encoded result; the proposer's caller may want exactly those bytes too.
      encodedResult = this.def.resultCodec.encode(result as R);
      this.sessions.record(env.clientId, env.seq, env.ackedBelow, encodedResult, this.logTimeMs);
    }
    return { envelope: env, index, ok: true, result, error: undefined, encodedResult };
  }

  query(query: Q): QR {
    return this.sm.query(query);
  }

  snapshot(): Uint8Array {
    const state = this.sm.snapshot();
    const head = new BinaryWriter(256).uint(SNAPSHOT_VERSION).double(this.logTimeMs);
    this.sessions.encode(head);
    this.duplicates.encode(head);
    // The state's length prefix, then the state itself: exactly what head.bytes(state) would write, but
    // the (multi-megabyte) state is copied once, into a buffer of its final size.
    const prefix = head.uint(state.length).finish();
    const out = new Uint8Array(prefix.length + state.length);
    out.set(prefix);
    out.set(state, prefix.length);
    return out;
  }

  restore(bytes: Uint8Array): void {
    const r = new BinaryReader(bytes);
    const version = r.uint();
    if (version !== SNAPSHOT_VERSION) throw new ApplyError(`unknown snapshot version ${version}`);
    this.logTimeMs = r.double();
    this.sessions.decodeFrom(r);
    this.duplicates.decodeFrom(r);
    this.sm.restore(r.bytes().slice());
  }
}
