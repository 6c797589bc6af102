import type { Operation } from './types.js';

/** End of the list. */
export const NIL = -1;

/**
 * The history of one partition as a doubly linked list of call and return events in time order, in flat
 * typed arrays (no object per event). Node `head` is a sentinel before the first event. The search removes
 * an operation's call and return events when it linearizes the operation and puts them back, in reverse
 * order, when it backtracks (Knuth's dancing links), so the list always holds exactly the operations not
 * yet linearized.
 */
export class EventList {
  readonly head: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** For a call event, the index of its operation in `ops`; -1 for a return event. */
  readonly opOfCall: Int32Array;
  /** For a call event, its return event, or NIL when the outcome is unknown (no return event). */
  readonly returnOfCall: Int32Array;

  constructor(ops: readonly Operation<unknown, unknown>[]) {
    const events: { time: number; isCall: boolean; op: number }[] = [];
    ops.forEach((op, i) => {
      events.push({ time: op.call, isCall: true, op: i });
      if (op.return !== undefined) events.push({ time: op.return, isCall: false, op: i });
    });
    // At equal times calls go first, so touching intervals count as overlapping: the lenient reading, which
    // never calls a history illegal because of how a clock rounded. Array.sort is stable, so equal calls keep
    // the order of `ops`.
    events.sort((a, b) => a.time - b.time || Number(b.isCall) - Number(a.isCall));

    const eventCount = events.length;
    this.head = eventCount;
    this.next = new Int32Array(eventCount + 1);
    this.prev = new Int32Array(eventCount + 1);
    this.opOfCall = new Int32Array(eventCount).fill(-1);
    this.returnOfCall = new Int32Array(eventCount).fill(NIL);
    const returnEventOfOp = new Int32Array(ops.length).fill(NIL);
    events.forEach((e, node) => {
      if (!e.isCall) returnEventOfOp[e.op] = node;
    });
    events.forEach((e, node) => {
      if (e.isCall) {
        this.opOfCall[node] = e.op;
        this.returnOfCall[node] = returnEventOfOp[e.op]!;
      }
    });
    let before = this.head;
    for (let node = 0; node < eventCount; node++) {
      this.next[before] = node;
      this.prev[node] = before;
      before = node;
    }
    this.next[before] = NIL;
    this.prev[this.head] = NIL;
  }

  isCall(node: number): boolean {
    return this.opOfCall[node]! >= 0;
  }

  /** Removes the operation whose call event is `callNode` (and its return event). */
  lift(callNode: number): void {
    this.unlink(callNode);
    const ret = this.returnOfCall[callNode]!;
    if (ret !== NIL) this.unlink(ret);
  }

  /** Undoes the latest `lift`, which must have been of `callNode`. */
  unlift(callNode: number): void {
    const ret = this.returnOfCall[callNode]!;
    if (ret !== NIL) this.relink(ret);
    this.relink(callNode);
  }

  private unlink(node: number): void {
    const after = this.next[node]!;
    this.next[this.prev[node]!] = after;
    if (after !== NIL) this.prev[after] = this.prev[node]!;
  }

  private relink(node: number): void {
    const after = this.next[node]!;
    this.next[this.prev[node]!] = node;
    if (after !== NIL) this.prev[after] = node;
  }
}
