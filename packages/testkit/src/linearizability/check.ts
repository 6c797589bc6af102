import { InvalidHistoryError } from './errors.js';
import { WglSearch, type SearchOutcome } from './search.js';
import type {
  CheckOptions,
  CheckResult,
  Counterexample,
  Model,
  Operation,
  PartitionReport,
  UnknownReason,
} from './types.js';

/**
 * Default bound on one partition's memo table. A linearizable history usually needs one or two entries per
 * operation; a million entries is at most a few hundred MB, well inside a test process.
 */
export const DEFAULT_MAX_MEMO_ENTRIES = 1_000_000;

/**
 * Checks whether `history` is linearizable with respect to `model`.
 *
 * The history is split by `model.partitionKey` and each part is searched on its own, smallest first; the
 * check stops at the first part that is not linearizable or that runs out of time or memory.
 * Verdicts: 'ok' (a linearization exists; one is returned per partition), 'illegal' (none exists; a
 * counterexample says where the search got stuck), 'unknown' (a bound was reached first).
 */
export function checkOperations<S, I, O>(
  model: Model<S, I, O>,
  history: readonly Operation<I, O>[],
  options: CheckOptions = {},
): CheckResult<S, I, O> {
  validateHistory(history);
  const now = options.now ?? (() => performance.now());
  const startMs = now();
  const limits = {
    deadlineMs: options.timeoutMs === undefined ? Infinity : startMs + options.timeoutMs,
    maxMemoEntries: options.maxMemoEntries ?? DEFAULT_MAX_MEMO_ENTRIES,
    now,
  };
  const parts = partitionHistory(model, history);
  const reports: PartitionReport<I, O>[] = [];
  const finish = (
    verdict: CheckResult<S, I, O>['verdict'],
    extra: { unknownReason?: UnknownReason; counterexample?: Counterexample<S, I, O> } = {},
  ): CheckResult<S, I, O> => ({
    verdict,
    ...extra,
    partitions: reports,
    partitionCount: parts.length,
    operationCount: history.length,
    elapsedMs: now() - startMs,
  });

  for (const [partitionKey, ops] of parts) {
    const outcome = new WglSearch(model, ops, limits).run();
    reports.push(partitionReport(partitionKey, ops, outcome));
    if (outcome.kind === 'illegal') {
      return finish('illegal', { counterexample: counterexample(model, partitionKey, ops, outcome) });
    }
    if (outcome.kind !== 'ok') return finish('unknown', { unknownReason: outcome.kind });
  }
  return finish('ok');
}

function validateHistory(history: readonly Operation<unknown, unknown>[]): void {
  history.forEach((op, i) => {
    if (!Number.isFinite(op.call)) throw new InvalidHistoryError(i, `call time ${op.call} is not a finite number`);
    if (op.return === undefined) return;
    if (!Number.isFinite(op.return)) {
      throw new InvalidHistoryError(i, `return time ${op.return} is not a finite number (leave it undefined for an unknown outcome)`);
    }
    if (op.return < op.call) throw new InvalidHistoryError(i, `returns at ${op.return}, before its call at ${op.call}`);
  });
}

/** Groups operations by partition key, each group ordered by call time, groups smallest first. */
function partitionHistory<S, I, O>(
  model: Model<S, I, O>,
  history: readonly Operation<I, O>[],
): [string, Operation<I, O>[]][] {
  const groups = new Map<string, Operation<I, O>[]>();
  for (const op of history) {
    const key = model.partitionKey === undefined ? '' : model.partitionKey(op.input);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(op);
  }
  // Small partitions first: they are cheap, so an illegal one among them is found before a big one eats the
  // time budget. Sorts are stable, so the result depends only on the history.
  const parts = [...groups.entries()];
  for (const [, ops] of parts) ops.sort((a, b) => a.call - b.call);
  parts.sort((a, b) => a[1].length - b[1].length);
  return parts;
}

function partitionReport<S, I, O>(
  partitionKey: string,
  ops: readonly Operation<I, O>[],
  outcome: SearchOutcome<S>,
): PartitionReport<I, O> {
  const verdict = outcome.kind === 'ok' ? 'ok' : outcome.kind === 'illegal' ? 'illegal' : 'unknown';
  return {
    partitionKey,
    operationCount: ops.length,
    verdict,
    ...(outcome.kind === 'ok' ? { linearization: outcome.order.map((i) => ops[i]!) } : {}),
    stepCount: outcome.stepCount,
    memoEntryCount: outcome.memoEntryCount,
  };
}

function counterexample<S, I, O>(
  model: Model<S, I, O>,
  partitionKey: string,
  ops: readonly Operation<I, O>[],
  outcome: Extract<SearchOutcome<S>, { kind: 'illegal' }>,
): Counterexample<S, I, O> {
  const inPrefix = new Set(outcome.longestPrefix);
  const rest = ops.filter((_, i) => !inPrefix.has(i));
  // What may go next: anything called no later than the earliest return still outstanding.
  let earliestReturn = Infinity;
  for (const op of rest) if (op.return !== undefined && op.return < earliestReturn) earliestReturn = op.return;
  // Read-only operations with an unknown outcome are never linearized (they cannot matter), so not listed.
  const candidates = rest
    .filter((op) => op.call <= earliestReturn && !(op.return === undefined && model.readOnly?.(op.input, undefined) === true))
    .map((operation) => ({
      operation,
      legalHere: model.step(
        outcome.stateAfterPrefix,
        operation.input,
        operation.return === undefined ? undefined : operation.output,
      ).ok,
    }));
  return {
    partitionKey,
    operations: ops,
    longestPrefix: outcome.longestPrefix.map((i) => ops[i]!),
    stateAfterPrefix: outcome.stateAfterPrefix,
    candidates,
  };
}
