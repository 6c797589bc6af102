export * from './protocol/index.js';
export * from './errors.js';
export type * from './storage/log-store.js';
export type * from './transport/transport.js';
export * from './storage/log-state.js';
export * from './storage/memory-log-store.js';
