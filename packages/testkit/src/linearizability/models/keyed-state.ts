import type { StepResult } from '../types.js';

/**
 * State of a keyed model. The checker partitions by key, so a state usually holds one key; keeping a map
 * anyway keeps the model right when a caller merges partitions.
 */
export type KeyedState<V> = ReadonlyMap<string, V>;

export const EMPTY_KEYED_STATE: KeyedState<never> = new Map<string, never>();

/** A copy of `state` with `key` set to `value`, or removed when `value` is undefined. */
export function withKey<V>(state: KeyedState<V>, key: string, value: V | undefined): KeyedState<V> {
  const next = new Map(state);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}

/** Canonical text of a keyed state: equal maps give equal text, so no `equal` is needed for memoisation. */
export function hashKeyed<V>(state: KeyedState<V>): string {
  if (state.size === 0) return '{}';
  if (state.size === 1) {
    const [[key, value]] = state;
    return JSON.stringify([[key, value]]);
  }
  return JSON.stringify([...state.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

export function describeKeyed<V>(state: KeyedState<V>): string {
  if (state.size === 0) return '{}';
  return `{${[...state.entries()].map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
}

export const ILLEGAL: StepResult<never> = { ok: false };

export function legal<S>(state: S): StepResult<S> {
  return { ok: true, state };
}
