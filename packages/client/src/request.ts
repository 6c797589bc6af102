import type { NodeConnection } from './connection.js';
import type { DeadlineLinks } from './deadlines.js';

export type RequestState =
  /** Waiting for an in-flight slot (or, for a command, room in the session window). */
  | 'waiting'
  /** Admitted, but no connection is up: goes out when one comes up. */
  | 'parked'
  /** Admitted, pausing before its next attempt (backoff). */
  | 'delayed'
  /** An attempt is out; `attemptId` is its request id on the wire. */
  | 'inflight'
  | 'done';

/** One caller's request, across all its attempts. */
export class PendingRequest implements DeadlineLinks<PendingRequest> {
  state: RequestState = 'waiting';
  /** Session sequence number (commands; 0 for queries). Fixed at admission, the same for every attempt. */
  seq = 0;
  /** Request id of the current attempt; answers to earlier attempts are ignored. */
  attemptId = 0;
  conn: NodeConnection | undefined;
  /** The connection the last attempt failed on: the next one prefers another. */
  avoid: NodeConnection | undefined;
  /** An attempt has left the client: from then on a command's fate may be unknown. */
  sent = false;
  failures = 0;
  redirectsInARow = 0;
  /** What went wrong last, for the error a caller gets at the deadline. */
  lastProblem = 'no attempt answered';
  /** When its timer is due (the attempt's end, the deadline, or the end of a backoff), in the client's DeadlineList. */
  dueAtMs = 0;
  dueIndex = -1;
  dueList: DeadlineLinks<PendingRequest>['dueList'] = undefined;

  constructor(
    readonly kind: 'command' | 'query',
    readonly payload: Uint8Array,
    readonly staleReadOk: boolean,
    readonly timeoutMs: number,
    readonly deadlineMs: number,
    readonly resolve: (result: Uint8Array) => void,
    readonly reject: (err: Error) => void,
  ) {}
}

/** A FIFO with O(1) push/shift (moving head, compacted once the dead prefix dominates). */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes and returns everything. */
  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }
}
