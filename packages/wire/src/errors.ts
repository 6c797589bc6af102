import { RaftError } from '@raftbus/core';

/** Why a frame could not be decoded; stable values for metrics labels and logs. */
export type WireDecodeReason =
  /** Larger than the configured maximum frame size; not parsed at all. */
  | 'oversized'
  /** Not valid protobuf for the expected frame (truncated, bad tag, bad UTF-8, nesting too deep). */
  | 'malformed'
  /** Valid protobuf, but a frame or message type this version does not know. */
  | 'unknownType'
  /** Valid protobuf carrying a value raftbus never produces (empty node id, unsafe integer, ...). */
  | 'invalidField';

/**
 * A frame from the network could not be turned into a raftbus value. Every decoder in this package
 * throws only this error for bad input, so a receive loop can catch it, count it and keep running.
 */
export class WireDecodeError extends RaftError {
  constructor(
    readonly reason: WireDecodeReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('WIRE_DECODE', `cannot decode frame (${reason}): ${detail}`);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** A value handed to an encoder cannot be represented on the wire (a bug in the caller). */
export class WireEncodeError extends RaftError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super('WIRE_ENCODE', `cannot encode ${field}: ${detail}`);
  }
}
