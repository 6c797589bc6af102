import type { KvLimits } from './types.js';

/**
 * Base class of the kv-store's refusals. Thrown from `apply`, so the command fails identically on every
 * replica and changes nothing; through RaftNode the caller sees an ApplyError carrying this message.
 */
export class KvError extends Error {
  constructor(
    /** Stable, for programs to switch on. */
    readonly code: 'KV_ARGUMENT' | 'KV_LIMIT' | 'KV_UNEXPECTED_RESULT',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A key or value is malformed or over its size bound. */
export class KvArgumentError extends KvError {
  constructor(
    /** The offending field: 'key', 'value', 'expected', 'type'. */
    readonly field: string,
    detail: string,
  ) {
    super('KV_ARGUMENT', `kv-store: bad ${field}: ${detail}`);
  }
}

/** The store holds `maxKeys` keys; a command that would add one more is refused. */
export class KvLimitError extends KvError {
  constructor(
    readonly limit: keyof Pick<KvLimits, 'maxKeys'>,
    readonly value: number,
    detail: string,
  ) {
    super('KV_LIMIT', `kv-store: ${detail} (${limit} = ${value})`);
  }
}

/** A client got a result of the wrong kind for its command: a mismatched definition or a bug. */
export class UnexpectedKvResultError extends KvError {
  constructor(command: string, kind: string) {
    super('KV_UNEXPECTED_RESULT', `kv-store: ${command} returned a '${kind}' result`);
  }
}
