import type { NodeId } from './protocol/types.js';

/** Base class of every error raftbus raises on purpose; `code` is stable for programs to switch on. */
export class RaftError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** This node is not the leader. `leader` is the leader this node knows of, or '' if none. */
export class NotLeaderError extends RaftError {
  constructor(readonly leader: NodeId) {
    super('NOT_LEADER', leader ? `not the leader; the leader is ${leader}` : 'not the leader; no leader is known');
  }
}

/** A proposal was refused before it entered the log (a bound was reached, or a transfer is in progress). */
export class ProposalDroppedError extends RaftError {
  constructor(reason: string) {
    super('PROPOSAL_DROPPED', `proposal dropped: ${reason}`);
  }
}

/** A protocol invariant does not hold: a bug in raftbus (or a corrupted input). The node must stop. */
export class InvariantError extends RaftError {
  constructor(
    readonly invariant: string,
    detail: string,
  ) {
    super('INVARIANT', `invariant violated: ${invariant}: ${detail}`);
  }
}

/** Throws InvariantError naming `invariant` unless `condition` holds. */
export function assert(condition: boolean, invariant: string, detail: () => string = () => ''): asserts condition {
  if (!condition) throw new InvariantError(invariant, detail());
}

/** The operation did not complete in time. For a read, or a command that never left this node, retrying is safe. */
export class TimeoutError extends RaftError {
  constructor(what: string, timeoutMs: number) {
    super('TIMEOUT', `${what} timed out after ${timeoutMs} ms`);
  }
}

/** The node is stopped (or stopping); nothing more is accepted. */
export class StoppedError extends RaftError {
  constructor(reason = 'the node is stopped') {
    super('STOPPED', reason);
  }
}

/**
 * A command was handed to the cluster but this node cannot tell whether it committed (its leader
 * changed, the node stopped, or no answer came in time). Retry it through a client session (client id
 * + sequence number) to apply it exactly once.
 */
export class OutcomeUnknownError extends RaftError {
  constructor(reason: string) {
    super('OUTCOME_UNKNOWN', `outcome unknown: ${reason}`);
  }
}

/** The state machine threw while applying a command (the same on every node: the command had no effect). */
export class ApplyError extends RaftError {
  constructor(message: string) {
    super('APPLY_FAILED', message);
  }
}

/** A bound on queued work was reached (pending proposals or reads); back off and retry. */
export class OverloadedError extends RaftError {
  constructor(what: string, limit: number) {
    super('OVERLOADED', `too many pending ${what} (limit ${limit})`);
  }
}

/**
 * A stored log record failed its checksum, or the stored log is not the shape it was written in (an entry
 * missing from the middle, a record that does not decode). The node must refuse to start: a corrupt record
 * is never skipped, because skipping it could forget a vote or an acknowledged entry.
 */
export class CorruptLogError extends RaftError {
  constructor(
    /** The store's location (a directory for on-disk stores). */
    readonly path: string,
    /** Log index of the corrupt entry; 0 when the corrupt record is not an entry (see `record`). */
    readonly index: number,
    /** Which record: 'entry', 'hardState', 'snapshot', 'confState', 'bounds', 'format'. */
    readonly record: string,
    detail: string,
  ) {
    super('CORRUPT_LOG', `corrupt log at ${path}: ${record}${index > 0 ? ` at index ${index}` : ''}: ${detail}`);
  }
}

/** The requested entries were compacted into a snapshot; send the snapshot instead. */
export class LogCompactedError extends RaftError {
  constructor(
    readonly index: number,
    /** The lowest index still stored. */
    readonly firstIndex: number,
  ) {
    super('LOG_COMPACTED', `entry ${index} is compacted; the log starts at ${firstIndex}`);
  }
}

/** A LogStore call broke the store's contract (a gap, a rewrite of committed entries, a term going back). */
export class LogStoreArgumentError extends RaftError {
  constructor(
    /** The offending argument, as a path: 'entries[3].index', 'hardState.term', 'from'. */
    readonly argument: string,
    detail: string,
  ) {
    super('LOG_STORE_ARGUMENT', `bad ${argument}: ${detail}`);
  }
}

/** A LogStore was used while not open, or after a failed write made its durable state unknown. */
export class LogStoreStateError extends RaftError {
  constructor(
    readonly state: 'unopened' | 'opening' | 'open' | 'closed' | 'failed',
    detail: string,
    cause?: unknown,
  ) {
    super('LOG_STORE_STATE', `log store is ${state}: ${detail}`);
    if (cause !== undefined) this.cause = cause;
  }
}
