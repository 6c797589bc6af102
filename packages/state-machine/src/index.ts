export * from './state-machine.js';
export * from './codecs.js';
export * from './binary.js';
