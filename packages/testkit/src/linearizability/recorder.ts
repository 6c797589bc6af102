import { HistoryFullError, OperationAlreadyCompletedError } from './errors.js';
import type { Operation } from './types.js';

export const DEFAULT_MAX_RECORDED_OPERATIONS = 1_000_000;

export interface HistoryRecorderOptions {
  /**
   * Timestamps for call and return. Default: a counter bumped at every event, which orders events exactly
   * as this process saw them (right when every client runs in this process).
   */
  readonly now?: () => number;
  readonly maxOperations?: number;
}

/** One invoked operation; complete it exactly once. */
export interface PendingOperation<O> {
  /** The client got `output`. */
  ok(output: O): void;
  /** The outcome is unknown (timeout, lost connection): it may or may not have taken effect. */
  unknown(): void;
  /** It certainly did not take effect (for example refused before it was proposed): drop it from the history. */
  failed(): void;
}

interface Recorded<I, O> {
  clientId: number;
  input: I;
  call: number;
  output?: O;
  return?: number;
  dropped: boolean;
  completed: boolean;
}

/** Records a history from a live system for `checkOperations`. */
export class HistoryRecorder<I, O> {
  private readonly recorded: Recorded<I, O>[] = [];
  private readonly now: () => number;
  private readonly maxOperations: number;
  private eventCount = 0;

  constructor(options: HistoryRecorderOptions = {}) {
    this.now = options.now ?? (() => this.eventCount++);
    this.maxOperations = options.maxOperations ?? DEFAULT_MAX_RECORDED_OPERATIONS;
  }

  invoke(clientId: number, input: I): PendingOperation<O> {
    if (this.recorded.length >= this.maxOperations) throw new HistoryFullError(this.maxOperations);
    const record: Recorded<I, O> = { clientId, input, call: this.now(), dropped: false, completed: false };
    this.recorded.push(record);
    const complete = (): void => {
      if (record.completed) throw new OperationAlreadyCompletedError(clientId);
      record.completed = true;
    };
    return {
      ok: (output) => {
        complete();
        record.output = output;
        record.return = this.now();
      },
      unknown: complete,
      failed: () => {
        complete();
        record.dropped = true;
      },
    };
  }

  /** The history so far; operations not yet completed count as unknown. */
  history(): Operation<I, O>[] {
    return this.recorded
      .filter((r) => !r.dropped)
      .map((r) =>
        r.return === undefined
          ? { clientId: r.clientId, input: r.input, call: r.call }
          : { clientId: r.clientId, input: r.input, call: r.call, output: r.output, return: r.return },
      );
  }
}
