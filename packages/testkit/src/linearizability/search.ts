import { LinearizedSet } from './bitset.js';
import { EventList, NIL } from './events.js';
import type { Model, Operation } from './types.js';

/** How often (in search iterations) the search looks at the clock: often enough to stop within a few ms. */
const STEPS_BETWEEN_CLOCK_READS = 1024;

export interface SearchLimits {
  /** Clock reading (ms) after which the search stops; Infinity for none. */
  readonly deadlineMs: number;
  readonly maxMemoEntries: number;
  readonly now: () => number;
}

export type SearchOutcome<S> =
  | { readonly kind: 'ok'; readonly order: readonly number[]; readonly stepCount: number; readonly memoEntryCount: number }
  | {
      readonly kind: 'illegal';
      /** The longest linearizable prefix seen, as indices into the partition's operations. */
      readonly longestPrefix: readonly number[];
      readonly stateAfterPrefix: S;
      readonly stepCount: number;
      readonly memoEntryCount: number;
    }
  | { readonly kind: 'timeout' | 'memo-limit'; readonly stepCount: number; readonly memoEntryCount: number };

interface MemoEntry<S> {
  readonly linearized: Uint32Array;
  readonly state: S;
}

/**
 * Wing & Gong's search with Lowe's memoisation, over one partition. It walks the event list from the
 * front: a call event is an operation that may be linearized next (everything before it in the list is a
 * call too, so nothing that must precede it is left); if the model accepts it, and the (linearized set,
 * state) pair it leads to was never reached before, the search takes it and restarts from the front. A
 * return event means the operation it belongs to had to be linearized by now and was not: backtrack.
 * Operations with an unknown outcome have no return event, so they never force a backtrack and the search
 * succeeds as soon as every completed operation is linearized (the rest are taken as never having happened).
 */
export class WglSearch<S, I, O> {
  private readonly events: EventList;
  private readonly linearized: LinearizedSet;
  private readonly memo = new Map<string, MemoEntry<S>[]>();
  private memoEntryCount = 0;
  private stepCount = 0;
  /** Call events of the operations linearized so far, in order, and the state before each. */
  private readonly stackCalls: number[] = [];
  private readonly stackStates: S[] = [];
  private longestPrefix: readonly number[] = [];
  private stateAfterLongest: S;

  constructor(
    private readonly model: Model<S, I, O>,
    private readonly ops: readonly Operation<I, O>[],
    private readonly limits: SearchLimits,
  ) {
    this.events = new EventList(ops);
    this.linearized = new LinearizedSet(ops.length);
    this.stateAfterLongest = model.init();
  }

  run(): SearchOutcome<S> {
    const { events, ops, model } = this;
    let completedLeft = ops.filter((op) => op.return !== undefined).length;
    let state = this.model.init();
    let node = events.next[events.head]!;
    for (let iteration = 0; completedLeft > 0; iteration++) {
      if (iteration % STEPS_BETWEEN_CLOCK_READS === 0 && this.limits.now() >= this.limits.deadlineMs) {
        return this.stopped('timeout');
      }
      if (node !== NIL && events.isCall(node)) {
        const opIndex = events.opOfCall[node]!;
        const op = ops[opIndex]!;
        const completed = op.return !== undefined;
        this.stepCount++;
        const result = model.step(state, op.input, completed ? op.output : undefined);
        if (result.ok && this.remember(opIndex, result.state)) {
          if (this.memoEntryCount > this.limits.maxMemoEntries) return this.stopped('memo-limit');
          this.stackCalls.push(node);
          this.stackStates.push(state);
          state = result.state;
          events.lift(node);
          if (completed) completedLeft--;
          node = events.next[events.head]!;
        } else {
          node = events.next[node]!;
        }
        continue;
      }
      // A return event (NIL cannot come first: a completed operation is left, so its return event is).
      if (this.stackCalls.length > this.longestPrefix.length) this.recordLongest(state);
      const undone = this.stackCalls.pop();
      if (undone === undefined) return this.illegal();
      state = this.stackStates.pop()!;
      const undoneOp = events.opOfCall[undone]!;
      this.linearized.toggle(undoneOp);
      events.unlift(undone);
      if (ops[undoneOp]!.return !== undefined) completedLeft++;
      node = events.next[undone]!;
    }
    return {
      kind: 'ok',
      order: this.stackCalls.map((call) => events.opOfCall[call]!),
      stepCount: this.stepCount,
      memoEntryCount: this.memoEntryCount,
    };
  }

  /**
   * Adds `opIndex` to the linearized set and records (set, state) in the memo table. Returns false, leaving
   * the set as it was, if that pair was already explored: everything reachable from it is known to fail.
   */
  private remember(opIndex: number, state: S): boolean {
    const { linearized, model } = this;
    linearized.toggle(opIndex);
    const key = linearized.hashKey() + '|' + model.hash(state);
    const bucket = this.memo.get(key);
    if (bucket !== undefined) {
      for (const seen of bucket) {
        if (linearized.equalsSnapshot(seen.linearized) && (model.equal === undefined || model.equal(seen.state, state))) {
          linearized.toggle(opIndex);
          return false;
        }
      }
    }
    const entry = { linearized: linearized.snapshot(), state };
    if (bucket === undefined) this.memo.set(key, [entry]);
    else bucket.push(entry);
    this.memoEntryCount++;
    return true;
  }

  private recordLongest(state: S): void {
    this.longestPrefix = this.stackCalls.map((call) => this.events.opOfCall[call]!);
    this.stateAfterLongest = state;
  }

  private illegal(): SearchOutcome<S> {
    return {
      kind: 'illegal',
      longestPrefix: this.longestPrefix,
      stateAfterPrefix: this.stateAfterLongest,
      stepCount: this.stepCount,
      memoEntryCount: this.memoEntryCount,
    };
  }

  private stopped(kind: 'timeout' | 'memo-limit'): SearchOutcome<S> {
    return { kind, stepCount: this.stepCount, memoEntryCount: this.memoEntryCount };
  }
}
