import { MessageType } from '@raftbus/core';
import type { ClientErrorCode, ClientRequestKind } from './types.js';

/**
 * Enum values of proto/raftbus.proto, by raftbus name. test/schema.test.ts checks each table against
 * the schema's enums (name `appendResponse` ↔ `APPEND_RESPONSE`), and that the schema has no value
 * missing here. @raftbus/core's EntryType values are the wire values themselves (checked there too).
 */
/** A lookup table without a prototype: a key such as 'constructor' finds nothing. */
function table<K extends string>(entries: Record<K, number>): Readonly<Record<K, number>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<K, number>, entries));
}

export const MESSAGE_TYPE_WIRE: Readonly<Record<MessageType, number>> = table({
  [MessageType.Append]: 1,
  [MessageType.AppendResponse]: 2,
  [MessageType.Vote]: 3,
  [MessageType.VoteResponse]: 4,
  [MessageType.PreVote]: 5,
  [MessageType.PreVoteResponse]: 6,
  [MessageType.Heartbeat]: 7,
  [MessageType.HeartbeatResponse]: 8,
  [MessageType.Snapshot]: 9,
  [MessageType.TimeoutNow]: 10,
  [MessageType.ReadIndex]: 11,
  [MessageType.ReadIndexResponse]: 12,
  [MessageType.TransferLeader]: 13,
  [MessageType.Propose]: 14,
});

export const CLIENT_REQUEST_KIND_WIRE: Readonly<Record<ClientRequestKind, number>> = table({
  command: 1,
  query: 2,
  registerSession: 3,
});

export const CLIENT_ERROR_CODE_WIRE: Readonly<Record<ClientErrorCode, number>> = table({
  notLeader: 1,
  timeout: 2,
  proposalDropped: 3,
  sessionExpired: 4,
  badRequest: 5,
  internal: 6,
  outcomeUnknown: 7,
  overloaded: 8,
  applyFailed: 9,
  stopped: 10,
});

/** Indexed by wire value; `undefined` for 0 (UNSPECIFIED) and for values newer than this code. */
function invert<K extends string>(table: Readonly<Record<K, number>>): readonly (K | undefined)[] {
  const out: (K | undefined)[] = [];
  for (const [name, wire] of Object.entries(table) as [K, number][]) out[wire] = name;
  return out;
}

export const MESSAGE_TYPE_FROM_WIRE = invert(MESSAGE_TYPE_WIRE);
export const CLIENT_REQUEST_KIND_FROM_WIRE = invert(CLIENT_REQUEST_KIND_WIRE);
export const CLIENT_ERROR_CODE_FROM_WIRE = invert(CLIENT_ERROR_CODE_WIRE);

/** Wire value of a message type, or 0 (UNSPECIFIED) for a value that is not a MessageType. */
export function messageTypeToWire(type: MessageType): number {
  // A switch on interned string constants: cheaper on the hot path than a keyed lookup in the table.
  switch (type) {
    case MessageType.Append:
      return 1;
    case MessageType.AppendResponse:
      return 2;
    case MessageType.Vote:
      return 3;
    case MessageType.VoteResponse:
      return 4;
    case MessageType.PreVote:
      return 5;
    case MessageType.PreVoteResponse:
      return 6;
    case MessageType.Heartbeat:
      return 7;
    case MessageType.HeartbeatResponse:
      return 8;
    case MessageType.Snapshot:
      return 9;
    case MessageType.TimeoutNow:
      return 10;
    case MessageType.ReadIndex:
      return 11;
    case MessageType.ReadIndexResponse:
      return 12;
    case MessageType.TransferLeader:
      return 13;
    case MessageType.Propose:
      return 14;
    default:
      return 0;
  }
}

/** Wire value of a client request kind, or 0 for a value that is not one (a switch: see above). */
export function requestKindToWire(kind: ClientRequestKind): number {
  switch (kind) {
    case 'command':
      return 1;
    case 'query':
      return 2;
    case 'registerSession':
      return 3;
    default:
      return 0;
  }
}

/** Wire value of a client error code, or 0 for a value that is not one. */
export function errorCodeToWire(code: ClientErrorCode): number {
  switch (code) {
    case 'notLeader':
      return 1;
    case 'timeout':
      return 2;
    case 'proposalDropped':
      return 3;
    case 'sessionExpired':
      return 4;
    case 'badRequest':
      return 5;
    case 'internal':
      return 6;
    case 'outcomeUnknown':
      return 7;
    case 'overloaded':
      return 8;
    case 'applyFailed':
      return 9;
    case 'stopped':
      return 10;
    default:
      return 0;
  }
}
