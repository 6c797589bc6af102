import type { Model } from './types.js';

/** A model whose step may lead to several states (or none, meaning illegal). */
export interface NondeterministicModel<S, I, O> {
  readonly name?: string;
  init(): S;
  step(state: S, input: I, output: O | undefined): readonly S[];
  /** Canonical: equal states, and only equal states, have equal hashes. */
  hash(state: S): string;
  partitionKey?(input: I): string;
  describeOperation?(input: I, output: O | undefined): string;
  describeState?(state: S): string;
}

/**
 * Turns a nondeterministic model into a deterministic one over sets of states (the powerset construction):
 * an operation is legal if it is legal from at least one of the states the object may be in.
 */
export function fromNondeterministic<S, I, O>(model: NondeterministicModel<S, I, O>): Model<readonly S[], I, O> {
  const result: Model<readonly S[], I, O> = {
    init: () => [model.init()],
    step(states, input, output) {
      const byHash = new Map<string, S>();
      for (const state of states) {
        for (const next of model.step(state, input, output)) byHash.set(model.hash(next), next);
      }
      if (byHash.size === 0) return { ok: false };
      // Sorted by hash, so the same set is always the same array and hashes the same.
      const sorted = [...byHash.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return { ok: true, state: sorted.map(([, s]) => s) };
    },
    hash: (states) => JSON.stringify(states.map((s) => model.hash(s))),
    describeState: (states) => `one of {${states.map((s) => (model.describeState ?? model.hash)(s)).join(', ')}}`,
  };
  // Optional members are copied only when present, so `result` stays a plain model.
  return Object.assign(
    result,
    model.name === undefined ? {} : { name: model.name },
    model.partitionKey === undefined ? {} : { partitionKey: (input: I) => model.partitionKey!(input) },
    model.describeOperation === undefined
      ? {}
      : { describeOperation: (input: I, output: O | undefined) => model.describeOperation!(input, output) },
  );
}


