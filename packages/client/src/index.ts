export { RaftbusClient, type ClientStats } from './client.js';
export { CLIENT_DEFAULTS, type ClientNodeAddress, type RaftbusClientOptions } from './options.js';
export { ClientClosedError, ClientConfigError, RequestRejectedError } from './errors.js';
export { CounterClient, typedEndpoint, type EncodedRequests, type ReadRequestOptions, type RequestOptions, type TypedEndpoint } from './helpers.js';
export { SessionWindow } from './session.js';
export { backoffMs, decide, decideLost, type Decision, type LostCause, type RetryHistory, type RetryPolicy } from './retry.js';
// The errors a caller meets, re-exported so one import is enough.
export { ApplyError, OutcomeUnknownError, OverloadedError, RaftError, TimeoutError } from '@raftbus/core';
