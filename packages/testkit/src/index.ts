export * from './compliance/log-store-suite.js';
export { expectRejects } from './compliance/suite-test.js';
export type { ExpectedError, SuiteTest, SuiteTestFunction } from './compliance/suite-test.js';
export * from './compliance/transport-suite.js';
export * from './linearizability/index.js';
export * from './node-sim/index.js';
