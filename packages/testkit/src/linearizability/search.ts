import { assert } from '@raftbus/core';
import { LinearizedSet } from './linearized-set.js';
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

/** `backtrack` found the stack empty: nothing is left to try. */
const EXHAUSTED = -2;
/** The search is in a configuration it has not scanned yet. */
const FRESH = -3;

/**
 * Wing & Gong's search with Lowe's memoisation, over one partition. It walks the event list from the
 * front: a call event is an operation that may be linearized next (everything before it in the list is a
 * call too, so nothing that must precede it is left); if the model accepts it, and the (linearized set,
 * state) pair it leads to was never reached before, the search takes it and restarts from the front. A
 * return event means the operation it belongs to had to be linearized by now and was not: backtrack.
 * Operations with an unknown outcome have no return event, so they never force a backtrack and the search
 * succeeds as soon as every completed operation is linearized (the rest are taken as never having happened).
 *
 * Read-only operations (per `model.readOnly`) are taken first and without branching: if one may go next and
 * the model accepts it, some linearization from here exists iff one exists after taking it (move it to the
 * front of any linearization: nothing that must precede it is left, and it changes no state). So when the
 * search backtracks over one, the configuration before it is dead too. This keeps read-heavy and
 * failure-heavy histories (reads, failed cas, refused acquires) from multiplying the configurations.
 */
export class WglSearch<S, I, O> {
  private readonly events: EventList;
  private readonly linearized: LinearizedSet;
  /** Per operation: the model says it never changes the state. */
  private readonly readOnly: Uint8Array;
  /** (linearized set, state) pairs explored: keys alone when the model's hash is canonical, else by key. */
  private readonly memoKeys = new Set<string>();
  private readonly memoStates = new Map<string, S[]>();
  private memoEntryCount = 0;
  private stepCount = 0;
  private state: S;
  private completedLeft: number;
  /** The operations linearized so far, in order, each with the state before it and whether it was forced. */
  private readonly stackCalls: number[] = [];
  private readonly stackStates: S[] = [];
  private readonly stackForced: boolean[] = [];
  private longestPrefix: readonly number[] = [];
  private stateAfterLongest: S;

  constructor(
    private readonly model: Model<S, I, O>,
    private readonly ops: readonly Operation<I, O>[],
    private readonly limits: SearchLimits,
  ) {
    for (let i = 1; i < ops.length; i++) {
      assert(ops[i]!.call >= ops[i - 1]!.call, 'wgl-ops-sorted-by-call', () => `operation ${i} is called before operation ${i - 1}`);
    }
    this.events = new EventList(ops);
    this.linearized = new LinearizedSet(ops.map((op) => op.return !== undefined));
    this.readOnly = Uint8Array.from(ops, (op) =>
      Number(model.readOnly?.(op.input, op.return === undefined ? undefined : op.output) ?? false),
    );
    this.state = model.init();
    this.stateAfterLongest = this.state;
    this.completedLeft = ops.filter((op) => op.return !== undefined).length;
    // A read-only operation with an unknown outcome is never needed: leave it out from the start.
    for (let node = 0; node < this.events.head; node++) {
      const op = this.events.opOfCall[node]!;
      if (op >= 0 && ops[op]!.return === undefined && this.readOnly[op] === 1) this.events.lift(node);
    }
  }

  run(): SearchOutcome<S> {
    const { events, limits } = this;
    /** Where the branching scan resumes after a backtrack, or FRESH. */
    let resumeAt = FRESH;
    for (let iteration = 0; this.completedLeft > 0; iteration++) {
      if (iteration % STEPS_BETWEEN_CLOCK_READS === 0 && limits.now() >= limits.deadlineMs) return this.stopped('timeout');
      if (this.memoEntryCount > limits.maxMemoEntries) return this.stopped('memo-limit');
      let from = resumeAt;
      if (from === FRESH) {
        const readOnly = this.takeReadOnly();
        if (readOnly === 'took') continue;
        from = readOnly === 'none' ? events.next[events.head]! : NIL;
      }
      if (this.takeBranch(from)) {
        resumeAt = FRESH;
        continue;
      }
      resumeAt = this.backtrack();
      if (resumeAt === EXHAUSTED) return this.illegal();
    }
    return {
      kind: 'ok',
      order: this.stackCalls.map((call) => events.opOfCall[call]!),
      stepCount: this.stepCount,
      memoEntryCount: this.memoEntryCount,
    };
  }

  /**
   * Takes the first read-only operation that may go next and that the model accepts: 'took'; 'dead' if the
   * configuration it leads to was explored already (so this one fails too); 'none' if there is none.
   */
  private takeReadOnly(): 'took' | 'dead' | 'none' {
    const { events, ops } = this;
    for (let node = events.next[events.head]!; node !== NIL && events.isCall(node); node = events.next[node]!) {
      const opIndex = events.opOfCall[node]!;
      if (this.readOnly[opIndex] === 0) continue;
      const op = ops[opIndex]!;
      this.stepCount++;
      const result = this.model.step(this.state, op.input, op.output);
      if (!result.ok) continue;
      if (!this.remember(opIndex, result.state)) return 'dead';
      this.push(node, result.state, true);
      return 'took';
    }
    return 'none';
  }

  /** Scans from `node` for an operation that is not read-only and may go next; takes it if there is one. */
  private takeBranch(node: number): boolean {
    const { events, ops, model } = this;
    for (; node !== NIL && events.isCall(node); node = events.next[node]!) {
      const opIndex = events.opOfCall[node]!;
      // Read-only operations were tried in this configuration before any branch was: none is accepted.
      if (this.readOnly[opIndex] === 1) continue;
      const op = ops[opIndex]!;
      const completed = op.return !== undefined;
      this.stepCount++;
      const result = model.step(this.state, op.input, completed ? op.output : undefined);
      // An operation with an unknown outcome that changes nothing here is left out: any linearization
      // with it at this point stays one without it, and leaving it out keeps it available for later.
      if (result.ok && (completed || !this.sameState(this.state, result.state)) && this.remember(opIndex, result.state)) {
        this.push(node, result.state, false);
        return true;
      }
    }
    return false;
  }

  private push(node: number, next: S, forced: boolean): void {
    this.stackCalls.push(node);
    this.stackStates.push(this.state);
    this.stackForced.push(forced);
    this.state = next;
    this.events.lift(node);
    if (this.ops[this.events.opOfCall[node]!]!.return !== undefined) this.completedLeft--;
  }

  /**
   * Undoes linearized operations until one that was a free choice, and returns where the scan for the next
   * choice resumes; EXHAUSTED when the stack runs out. A forced (read-only) one is undone and passed over:
   * the configuration before it fails whenever the one after it does.
   */
  private backtrack(): number {
    const { events } = this;
    if (this.stackCalls.length > this.longestPrefix.length) this.recordLongest();
    for (;;) {
      const undone = this.stackCalls.pop();
      if (undone === undefined) return EXHAUSTED;
      this.state = this.stackStates.pop()!;
      const forced = this.stackForced.pop()!;
      const undoneOp = events.opOfCall[undone]!;
      this.linearized.remove(undoneOp);
      events.unlift(undone);
      if (this.ops[undoneOp]!.return !== undefined) this.completedLeft++;
      if (!forced) return events.next[undone]!;
    }
  }

  /**
   * Adds `opIndex` to the linearized set and records (set, state) in the memo table. Returns false, leaving
   * the set as it was, if that pair was already explored: everything reachable from it is known to fail.
   */
  private remember(opIndex: number, state: S): boolean {
    const { linearized, model } = this;
    linearized.add(opIndex);
    const key = linearized.key() + '|' + model.hash(state);
    if (model.equal === undefined) {
      if (this.memoKeys.has(key)) return this.forget(opIndex);
      this.memoKeys.add(key);
    } else {
      const seen = this.memoStates.get(key);
      if (seen === undefined) this.memoStates.set(key, [state]);
      else if (seen.some((other) => model.equal!(other, state))) return this.forget(opIndex);
      else seen.push(state);
    }
    this.memoEntryCount++;
    return true;
  }

  private sameState(a: S, b: S): boolean {
    const { model } = this;
    if (a === b) return true;
    if (model.hash(a) !== model.hash(b)) return false;
    return model.equal === undefined || model.equal(a, b);
  }

  private forget(opIndex: number): false {
    this.linearized.remove(opIndex);
    return false;
  }

  private recordLongest(): void {
    this.longestPrefix = this.stackCalls.map((call) => this.events.opOfCall[call]!);
    this.stateAfterLongest = this.state;
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
