/**
 * Public types of the linearizability checker.
 *
 * A history is a list of operations, each with the interval in which its client waited for it. The checker
 * asks whether every operation can be given one instant inside its interval such that, replayed one after
 * another in that order through a sequential model, each produces the output the client saw.
 */

/**
 * One client operation. Times are any numbers that are consistent across clients (a logical event counter
 * in one process, `performance.now()`, nanoseconds): only their order matters. An operation whose `return`
 * precedes another's `call` must come first; operations whose intervals overlap (or touch) may go either way.
 */
export interface Operation<I, O> {
  /** Who issued it; only shown in reports (the checker does not assume one outstanding call per client). */
  readonly clientId: number;
  readonly input: I;
  /** When the client sent it. */
  readonly call: number;
  /** What the client was told. Ignored (treated as unknown) when `return` is undefined. */
  readonly output?: O | undefined;
  /**
   * When the client was told. `undefined` means the outcome is unknown (timed out, connection lost, the
   * proposal may or may not have committed): the operation may take effect at any instant after `call`, or
   * never, and the model sees `output === undefined` for it.
   */
  readonly return?: number | undefined;
}

/** What a model's `step` says about one operation applied in one state. */
export type StepResult<S> = { readonly ok: true; readonly state: S } | { readonly ok: false };

/**
 * The sequential specification of the object under test. It must be a pure function of its arguments:
 * the checker calls `step` many times on the same state while it searches.
 */
export interface Model<S, I, O> {
  /** Shown in reports. */
  readonly name?: string;
  /** The state before any operation. */
  init(): S;
  /**
   * Applies `input` to `state`. Returns `{ ok: true, state: next }` if a sequential object in `state` could
   * answer `output`, else `{ ok: false }`. `output` is `undefined` when the outcome is unknown: accept it and
   * return the state the operation would leave behind.
   */
  step(state: S, input: I, output: O | undefined): StepResult<S>;
  /**
   * A string for memoisation. States with different hashes are taken as different; states with the same hash
   * are compared with `equal`, or taken as equal when `equal` is absent (then the hash must be canonical).
   */
  hash(state: S): string;
  equal?(a: S, b: S): boolean;
  /**
   * True if `step` never changes the state for this input and output when it accepts them (a read, a cas
   * that reports failure, a refused acquire). Optional; it lets the search take such an operation without
   * branching, which keeps read-heavy histories cheap. A wrong `true` makes the checker wrong.
   */
  readOnly?(input: I, output: O | undefined): boolean;
  /**
   * Splits the history into independent parts checked one by one (P-compositionality: a history is
   * linearizable iff each part is, when the parts touch disjoint objects, e.g. different keys).
   */
  partitionKey?(input: I): string;
  describeOperation?(input: I, output: O | undefined): string;
  describeState?(state: S): string;
}

export interface CheckOptions {
  /** Give up with result 'unknown' after this long. Default: no time bound. */
  readonly timeoutMs?: number;
  /**
   * Give up with result 'unknown' once one partition's memo table holds this many (linearized set, state)
   * entries; bounds memory. An entry is a short string (about 100–200 bytes with its table slot), plus the
   * state itself for models that define `equal`. Default DEFAULT_MAX_MEMO_ENTRIES.
   */
  readonly maxMemoEntries?: number;
  /** The clock the time bound is measured on (milliseconds). Default `performance.now`. */
  readonly now?: () => number;
}

export type CheckVerdict = 'ok' | 'illegal' | 'unknown';
export type UnknownReason = 'timeout' | 'memo-limit';

/** Why one partition is not linearizable. */
export interface Counterexample<S, I, O> {
  /** The partition key ('' when the model does not partition). */
  readonly partitionKey: string;
  /** Every operation of the partition, ordered by call time. */
  readonly operations: readonly Operation<I, O>[];
  /** The longest sequence of operations the search could linearize, in linearization order. */
  readonly longestPrefix: readonly Operation<I, O>[];
  /** The model state after `longestPrefix`. */
  readonly stateAfterPrefix: S;
  /**
   * The operations that could have come next after `longestPrefix` (called before the earliest pending
   * return), each with whether the model accepts it there; none of them leads to a full linearization.
   */
  readonly candidates: readonly { readonly operation: Operation<I, O>; readonly legalHere: boolean }[];
}

export interface PartitionReport<I, O> {
  readonly partitionKey: string;
  readonly operationCount: number;
  readonly verdict: CheckVerdict;
  /**
   * For a linearizable partition: one linearization (operations with an unknown outcome that it treats as
   * never having happened are left out).
   */
  readonly linearization?: readonly Operation<I, O>[];
  /** Model steps tried. */
  readonly stepCount: number;
  readonly memoEntryCount: number;
}

export interface CheckResult<S, I, O> {
  readonly verdict: CheckVerdict;
  /** Set when the verdict is 'unknown'. */
  readonly unknownReason?: UnknownReason;
  /** Set when the verdict is 'illegal': the first partition found not linearizable. */
  readonly counterexample?: Counterexample<S, I, O>;
  /** The partitions checked, smallest first; the check stops at the first illegal or unfinished one. */
  readonly partitions: readonly PartitionReport<I, O>[];
  readonly partitionCount: number;
  readonly operationCount: number;
  readonly elapsedMs: number;
}
