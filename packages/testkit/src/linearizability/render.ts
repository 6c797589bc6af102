import type { CheckResult, Counterexample, Model, Operation } from './types.js';

/** Bound on the lines a rendering prints for each list, so a failure message stays readable. */
export const DEFAULT_MAX_LINES_PER_LIST = 20;

export interface RenderOptions {
  readonly maxLinesPerList?: number;
}

/** One operation as `c3 [10..14] put(k, "v")`; `?` marks an unknown return time or output. */
export function describeOperation<S, I, O>(model: Model<S, I, O>, op: Operation<I, O>): string {
  const completed = op.return !== undefined;
  const output = completed ? op.output : undefined;
  const what =
    model.describeOperation !== undefined
      ? model.describeOperation(op.input, output)
      : `${JSON.stringify(op.input)} -> ${completed ? JSON.stringify(op.output) : '?'}`;
  return `c${op.clientId} [${op.call}..${completed ? op.return : '?'}] ${what}`;
}

export function describeState<S, I, O>(model: Model<S, I, O>, state: S): string {
  return model.describeState !== undefined ? model.describeState(state) : model.hash(state);
}

/**
 * A counterexample as text: the partition, the longest prefix the search could linearize, the state it
 * ends in, and the operations that could have come next with whether the model accepts each there.
 */
export function renderCounterexample<S, I, O>(
  model: Model<S, I, O>,
  ce: Counterexample<S, I, O>,
  options: RenderOptions = {},
): string {
  const maxLines = options.maxLinesPerList ?? DEFAULT_MAX_LINES_PER_LIST;
  const partition = ce.partitionKey === '' ? 'the history' : `partition ${JSON.stringify(ce.partitionKey)}`;
  const lines = [`${model.name ?? 'model'}: ${partition} (${count(ce.operations.length, 'operation')}) is not linearizable`];
  lines.push(`longest linearizable prefix (${count(ce.longestPrefix.length, 'operation')}):`);
  // The end of the prefix is where the trouble is, so a long prefix is cut at its start.
  const shown = ce.longestPrefix.slice(-maxLines);
  if (shown.length < ce.longestPrefix.length) lines.push(`  ... ${ce.longestPrefix.length - shown.length} earlier`);
  for (const op of shown) lines.push(`  ${describeOperation(model, op)}`);
  lines.push(`state after it: ${describeState(model, ce.stateAfterPrefix)}`);
  lines.push('no linearization continues with any of:');
  for (const { operation, legalHere } of ce.candidates.slice(0, maxLines)) {
    lines.push(`  ${describeOperation(model, operation)}  (${legalHere ? 'legal here, dead end later' : 'illegal here'})`);
  }
  if (ce.candidates.length > maxLines) lines.push(`  ... ${ce.candidates.length - maxLines} more`);
  return lines.join('\n');
}

/** A one-line summary for 'ok' and 'unknown'; the rendered counterexample for 'illegal'. */
export function renderCheckResult<S, I, O>(
  model: Model<S, I, O>,
  result: CheckResult<S, I, O>,
  options: RenderOptions = {},
): string {
  const scope = `${count(result.operationCount, 'operation')} in ${count(result.partitionCount, 'partition')}, ${result.elapsedMs.toFixed(1)} ms`;
  if (result.verdict === 'illegal' && result.counterexample !== undefined) {
    return `illegal (${scope})\n${renderCounterexample(model, result.counterexample, options)}`;
  }
  if (result.verdict === 'unknown') {
    return `unknown: ${result.unknownReason} after checking ${result.partitions.length - 1} of ${result.partitionCount} partitions (${scope})`;
  }
  return `${result.verdict} (${scope})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
