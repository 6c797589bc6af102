import { RaftError } from '@raftbus/core';

/** The transport configuration is unusable; `field` names the offending option. */
export class ZmqConfigError extends RaftError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super('ZMQ_CONFIG', `invalid transport configuration: ${field}: ${detail}`);
  }
}

/** The transport was used in a way its contract forbids (started twice, restarted after stop). */
export class ZmqStateError extends RaftError {
  constructor(detail: string) {
    super('ZMQ_STATE', detail);
  }
}
