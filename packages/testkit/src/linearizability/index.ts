export type {
  Operation,
  StepResult,
  Model,
  CheckOptions,
  CheckVerdict,
  UnknownReason,
  Counterexample,
  PartitionReport,
  CheckResult,
} from './types.js';
export { checkOperations, DEFAULT_MAX_MEMO_ENTRIES } from './check.js';
export { renderCheckResult, renderCounterexample, describeOperation, describeState, type RenderOptions } from './render.js';
export { InvalidHistoryError, HistoryFullError, OperationAlreadyCompletedError } from './errors.js';
export { HistoryRecorder, type HistoryRecorderOptions, type PendingOperation } from './recorder.js';
export { fromNondeterministic, type NondeterministicModel } from './nondeterministic.js';
export { kvModel, type KvInput, type KvOutput, type KvState } from './models/kv.js';
export { counterModel, type CounterInput, type CounterOutput, type CounterState } from './models/counter.js';
export { mutexModel, type MutexInput, type MutexOutput, type MutexState } from './models/mutex.js';
export { legal, ILLEGAL, type KeyedState } from './models/keyed-state.js';
