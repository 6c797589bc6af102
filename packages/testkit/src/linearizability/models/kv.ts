import type { Model } from '../types.js';
import { EMPTY_KEYED_STATE, ILLEGAL, describeKeyed, hashKeyed, legal, withKey, type KeyedState } from './keyed-state.js';

/** An operation on a key-value store. A missing key reads as `null`; `cas` with `expected: null` creates. */
export type KvInput =
  | { readonly op: 'get'; readonly key: string }
  | { readonly op: 'put'; readonly key: string; readonly value: string }
  | { readonly op: 'cas'; readonly key: string; readonly expected: string | null; readonly value: string }
  | { readonly op: 'delete'; readonly key: string };

/**
 * What the client saw: `get` reports `value` (null when absent), `cas` reports `ok` (whether it swapped);
 * `put` and `delete` report nothing (`{}`). A field left undefined is taken as unknown, not as a value.
 */
export interface KvOutput {
  readonly value?: string | null;
  readonly ok?: boolean;
}

export type KvState = KeyedState<string>;

/** A linearizable key-value map with get, put, compare-and-set and delete; partitioned by key. */
export const kvModel: Model<KvState, KvInput, KvOutput> = {
  name: 'kv',
  init: () => EMPTY_KEYED_STATE,
  step(state, input, output) {
    const current = state.get(input.key) ?? null;
    switch (input.op) {
      case 'get':
        return output?.value === undefined || output.value === current ? legal(state) : ILLEGAL;
      case 'put':
        return legal(withKey(state, input.key, input.value));
      case 'delete':
        return legal(withKey(state, input.key, undefined));
      case 'cas': {
        const swaps = current === input.expected;
        if (output?.ok !== undefined && output.ok !== swaps) return ILLEGAL;
        return legal(swaps ? withKey(state, input.key, input.value) : state);
      }
    }
  },
  hash: hashKeyed,
  readOnly: (input, output) => input.op === 'get' || (input.op === 'cas' && output?.ok === false),
  partitionKey: (input) => input.key,
  describeOperation(input, output) {
    const key = JSON.stringify(input.key);
    switch (input.op) {
      case 'get':
        return `get(${key}) -> ${output?.value === undefined ? '?' : JSON.stringify(output.value)}`;
      case 'put':
        return `put(${key}, ${JSON.stringify(input.value)})${output === undefined ? ' -> ?' : ''}`;
      case 'delete':
        return `delete(${key})${output === undefined ? ' -> ?' : ''}`;
      case 'cas': {
        const outcome = output?.ok === undefined ? '?' : output.ok ? 'ok' : 'failed';
        return `cas(${key}, ${JSON.stringify(input.expected)} => ${JSON.stringify(input.value)}) -> ${outcome}`;
      }
    }
  },
  describeState: describeKeyed,
};
