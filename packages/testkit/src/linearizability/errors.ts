import { RaftError } from '@raftbus/core';

/** A history the checker cannot reason about (a return before its call, a time that is not a number). */
export class InvalidHistoryError extends RaftError {
  constructor(
    /** Index of the offending operation in the history as given. */
    readonly operationIndex: number,
    readonly detail: string,
  ) {
    super('INVALID_HISTORY', `invalid history: operation ${operationIndex}: ${detail}`);
  }
}

/** A HistoryRecorder reached its bound on recorded operations. */
export class HistoryFullError extends RaftError {
  constructor(readonly maxOperations: number) {
    super('HISTORY_FULL', `history recorder is full: it holds at most ${maxOperations} operations`);
  }
}

/** An operation handed out by a HistoryRecorder was completed twice. */
export class OperationAlreadyCompletedError extends RaftError {
  constructor(readonly clientId: number) {
    super('OPERATION_ALREADY_COMPLETED', `an operation of client ${clientId} was already completed`);
  }
}
