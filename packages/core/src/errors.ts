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
