export {};
export * from './compliance/transport-suite.js';
