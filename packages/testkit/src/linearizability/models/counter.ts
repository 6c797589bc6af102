import type { Model } from '../types.js';
import { EMPTY_KEYED_STATE, ILLEGAL, describeKeyed, hashKeyed, legal, withKey, type KeyedState } from './keyed-state.js';

/** An operation on a counter that starts at 0; `key` names one of several counters (default ''). */
export type CounterInput =
  | { readonly op: 'add'; readonly delta: number; readonly key?: string }
  | { readonly op: 'get'; readonly key?: string };

/** `add` reports the value after adding; `get` reports the value. Undefined `value` is taken as unknown. */
export interface CounterOutput {
  readonly value?: number;
}

export type CounterState = KeyedState<number>;

/** Counters with add (returning the new value) and get; partitioned by key. */
export const counterModel: Model<CounterState, CounterInput, CounterOutput> = {
  name: 'counter',
  init: () => EMPTY_KEYED_STATE,
  step(state, input, output) {
    const key = input.key ?? '';
    const current = state.get(key) ?? 0;
    const after = input.op === 'add' ? current + input.delta : current;
    if (output?.value !== undefined && output.value !== after) return ILLEGAL;
    return legal(after === current ? state : withKey(state, key, after));
  },
  hash: hashKeyed,
  readOnly: (input) => input.op === 'get' || input.delta === 0,
  partitionKey: (input) => input.key ?? '',
  describeOperation(input, output) {
    const key = input.key === undefined ? '' : `${JSON.stringify(input.key)}, `;
    const call = input.op === 'add' ? `add(${key}${input.delta})` : `get(${key.slice(0, -2)})`;
    return `${call} -> ${output?.value === undefined ? '?' : output.value}`;
  },
  describeState: describeKeyed,
};
