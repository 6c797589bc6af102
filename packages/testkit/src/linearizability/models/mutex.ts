import type { Model } from '../types.js';
import { EMPTY_KEYED_STATE, ILLEGAL, describeKeyed, hashKeyed, legal, withKey, type KeyedState } from './keyed-state.js';

/**
 * An operation on a non-reentrant lock: `acquire` fails while anyone (the owner included) holds it;
 * `release` fails unless `owner` holds it. `lock` names one of several locks (default '').
 */
export interface MutexInput {
  readonly op: 'acquire' | 'release';
  readonly owner: string;
  readonly lock?: string;
}

/** Whether the acquire or release succeeded; undefined `ok` is taken as unknown. */
export interface MutexOutput {
  readonly ok?: boolean;
}

/** Lock name to its holder; a free lock is absent. */
export type MutexState = KeyedState<string>;

/** Named mutexes with acquire/release by owner; partitioned by lock name. */
export const mutexModel: Model<MutexState, MutexInput, MutexOutput> = {
  name: 'mutex',
  init: () => EMPTY_KEYED_STATE,
  step(state, input, output) {
    const lock = input.lock ?? '';
    const holder = state.get(lock);
    const succeeds = input.op === 'acquire' ? holder === undefined : holder === input.owner;
    if (output?.ok !== undefined && output.ok !== succeeds) return ILLEGAL;
    if (!succeeds) return legal(state);
    return legal(withKey(state, lock, input.op === 'acquire' ? input.owner : undefined));
  },
  hash: hashKeyed,
  readOnly: (_input, output) => output?.ok === false,
  partitionKey: (input) => input.lock ?? '',
  describeOperation(input, output) {
    const lock = input.lock === undefined ? '' : `${JSON.stringify(input.lock)}, `;
    const outcome = output?.ok === undefined ? '?' : output.ok ? 'ok' : 'failed';
    return `${input.op}(${lock}${JSON.stringify(input.owner)}) -> ${outcome}`;
  },
  describeState: describeKeyed,
};
