export * from './protocol/index.js';
export * from './errors.js';
export type * from './storage/log-store.js';
export type * from './transport/transport.js';
export * from './transport/memory-transport.js';
