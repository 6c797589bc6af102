import { badInputCases } from './log-store-bad-input.js';
import { concurrencyCases, logShapeCases, recoveryCases } from './log-store-cases.js';
import type { LogStoreFactory } from './log-store-fixtures.js';
import type { SuiteTestFunction } from './suite-test.js';

export type { LogStoreFactory, LogStoreHarness } from './log-store-fixtures.js';

export interface LogStoreSuiteOptions {
  /** Registers a case, e.g. `(name, fn) => t.test(name, fn)` with tap. */
  readonly test: SuiteTestFunction;
  /** A fresh, empty storage per case. */
  readonly factory: LogStoreFactory;
  /** Prefixes every case name (say which implementation runs). */
  readonly name?: string;
}

/**
 * The LogStore contract (see packages/core/src/storage/log-store.ts), case by case. Every LogStore passes
 * it: the in-memory store, the RocksDB store, and any future one.
 */
export function logStoreSuite(options: LogStoreSuiteOptions): void {
  const prefix = options.name === undefined ? '' : `${options.name}: `;
  const { factory } = options;
  const test: SuiteTestFunction = (name, fn) => options.test(prefix + name, fn);

  recoveryCases(test, factory);
  logShapeCases(test, factory);
  concurrencyCases(test, factory);
  badInputCases(test, factory);
}
