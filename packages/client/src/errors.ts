import { RaftError } from '@raftbus/core';

/** The client was closed: requests still pending (or made after close) fail with this. */
export class ClientClosedError extends RaftError {
  constructor() {
    super('CLIENT_CLOSED', 'the client is closed');
  }
}

/** A client option is unusable; `field` names it. */
export class ClientConfigError extends RaftError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super('CLIENT_CONFIG', `invalid client option ${field}: ${detail}`);
  }
}

/**
 * A node refused the request itself (`badRequest`: malformed, e.g. a query its codec cannot read) or
 * failed in a way a retry would not fix (`internal`). Never retried.
 */
export class RequestRejectedError extends RaftError {
  constructor(
    readonly reason: 'badRequest' | 'internal',
    message: string,
  ) {
    super(reason === 'badRequest' ? 'BAD_REQUEST' : 'INTERNAL', message);
  }
}
