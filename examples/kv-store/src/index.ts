import type { StateMachineDefinition } from '@raftbus/state-machine';
import { kvCommandCodec, kvQueryCodec, kvQueryResultCodec, kvResultCodec } from './codecs.js';
import { KvStore } from './kv-store.js';
import type { KvCommand, KvLimits, KvQuery, KvQueryResult, KvResult } from './types.js';

export * from './types.js';
export * from './errors.js';
export * from './codecs.js';
export * from './client.js';
export { KvStore } from './kv-store.js';

export type KvStoreDefinition = StateMachineDefinition<KvCommand, KvResult, KvQuery, KvQueryResult>;

/**
 * A kv-store with custom limits. Every replica of a cluster must use the same limits: they decide which
 * commands fail, and a replica that decided differently would diverge.
 */
export function createKvStore(limits: Partial<KvLimits> = {}): KvStoreDefinition {
  new KvStore(limits); // refuse bad limits here, at configuration time, not on the first apply
  return {
    name: 'kv-store',
    create: () => new KvStore(limits),
    commandCodec: kvCommandCodec,
    resultCodec: kvResultCodec,
    queryCodec: kvQueryCodec,
    queryResultCodec: kvQueryResultCodec,
  };
}

/** The kv-store with the default limits (DEFAULT_KV_LIMITS: 1 KiB keys, 1 MiB values). */
export const kvStore: KvStoreDefinition = createKvStore();
