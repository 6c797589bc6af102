import type { StateMachineDefinition } from '@raftbus/state-machine';
import { lockCommandCodec, lockQueryCodec, lockQueryResultCodec, lockResultCodec } from './codecs.js';
import { LockTable } from './lock-table.js';
import type { LockCommand, LockLimits, LockQuery, LockQueryResult, LockResult } from './types.js';

export * from './types.js';
export * from './errors.js';
export * from './codecs.js';
export * from './client.js';
export { LockTable } from './lock-table.js';
export * from './ticker.js';

export type LockServiceDefinition = StateMachineDefinition<LockCommand, LockResult, LockQuery, LockQueryResult>;

/**
 * A lock service with custom limits. Every replica of a cluster must use the same limits: they decide
 * which commands fail, and a replica that decided differently would diverge.
 */
export function createLockService(limits: Partial<LockLimits> = {}): LockServiceDefinition {
  new LockTable(limits); // refuse bad limits here, at configuration time, not on the first apply
  return {
    name: 'lock-service',
    create: () => new LockTable(limits),
    commandCodec: lockCommandCodec,
    resultCodec: lockResultCodec,
    queryCodec: lockQueryCodec,
    queryResultCodec: lockQueryResultCodec,
  };
}

/** The lock service with the default limits (DEFAULT_LOCK_LIMITS). */
export const lockService: LockServiceDefinition = createLockService();
