export * from './linearizability/index.js';
