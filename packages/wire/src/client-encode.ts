import { InvariantError } from '@raftbus/core';
import { errorCodeToWire, requestKindToWire } from './enums.js';
import { WireEncodeError } from './errors.js';
import {
  SizeSlots,
  allocFrame,
  checkUint64,
  lenFieldSize,
  utf8Length,
  varintSize,
  writeBytesField,
  writeStringField,
  writeVarint,
  writeVarintField,
} from './proto-writer.js';
import * as T from './tags.js';
import type { ClientFrame, ClientRequest, ClientResponse } from './types.js';

/**
 * Hand-written encoder of client frames; the same rules as the peer encoder (peer-encode.ts): exactly
 * protobufjs' bytes, two passes, one allocation.
 */

const slots = new SizeSlots();

function stringFieldSize(str: string, field: string): number {
  return str.length === 0 ? 0 : lenFieldSize(utf8Length(str, field));
}

function requestSize(r: ClientRequest): number {
  if (requestKindToWire(r.kind) === 0) throw new WireEncodeError('kind', `unknown request kind ${String(r.kind)}`);
  const sequence = checkUint64(r.sequence, 'sequence');
  const requestId = checkUint64(r.requestId, 'requestId');
  const ackedBelow = checkUint64(r.ackedBelow, 'ackedBelow');
  let size = stringFieldSize(r.clientId, 'clientId') + 2;
  if (sequence !== 0) size += 1 + varintSize(sequence);
  if (requestId !== 0) size += 1 + varintSize(requestId);
  if (r.payload.length !== 0) size += lenFieldSize(r.payload.length);
  if (r.staleReadOk) size += 2;
  if (ackedBelow !== 0) size += 1 + varintSize(ackedBelow);
  return size;
}

function writeString(buf: Uint8Array, pos: number, tag: number, str: string): number {
  // Empty strings are proto3 defaults: left out. The sizing pass accepted the string: no throw here.
  return str.length === 0 ? pos : writeStringField(buf, pos, tag, str, utf8Length(str, ''));
}

function writeRequest(buf: Uint8Array, pos: number, r: ClientRequest, size: number): number {
  pos = writeVarint(buf, pos, size);
  pos = writeString(buf, pos, T.CLIENT_REQUEST_CLIENT_ID, r.clientId);
  if (r.sequence !== 0) pos = writeVarintField(buf, pos, T.CLIENT_REQUEST_SEQUENCE, r.sequence);
  if (r.requestId !== 0) pos = writeVarintField(buf, pos, T.CLIENT_REQUEST_REQUEST_ID, r.requestId);
  buf[pos++] = T.CLIENT_REQUEST_KIND;
  buf[pos++] = requestKindToWire(r.kind);
  if (r.payload.length !== 0) pos = writeBytesField(buf, pos, T.CLIENT_REQUEST_PAYLOAD, r.payload);
  if (r.staleReadOk) {
    buf[pos++] = T.CLIENT_REQUEST_STALE_READ_OK;
    buf[pos++] = 1;
  }
  if (r.ackedBelow !== 0) pos = writeVarintField(buf, pos, T.CLIENT_REQUEST_ACKED_BELOW, r.ackedBelow);
  return pos;
}

/** Size of a response's body; its redirect or error sub-message takes the slot after the response's. */
function responseSize(r: ClientResponse): number {
  const slot = slots.reserve();
  const requestId = checkUint64(r.requestId, 'requestId');
  let size = requestId === 0 ? 0 : 1 + varintSize(requestId);
  const o = r.outcome;
  switch (o.kind) {
    case 'result':
      // A oneof member: written when set, even empty.
      size += lenFieldSize(o.result.length);
      break;
    case 'redirect': {
      const inner = stringFieldSize(o.leaderId, 'redirect.leaderId') + stringFieldSize(o.leaderAddress, 'redirect.leaderAddress');
      slots.set(slots.reserve(), inner);
      size += lenFieldSize(inner);
      break;
    }
    case 'error': {
      if (errorCodeToWire(o.code) === 0) throw new WireEncodeError('error.code', `unknown error code ${String(o.code)}`);
      const inner = 2 + stringFieldSize(o.message, 'error.message');
      slots.set(slots.reserve(), inner);
      size += lenFieldSize(inner);
      break;
    }
    default:
      throw new WireEncodeError('outcome.kind', `unknown outcome ${String((o as { kind: unknown }).kind)}`);
  }
  slots.set(slot, size);
  return size;
}

function writeResponse(buf: Uint8Array, pos: number, r: ClientResponse): number {
  pos = writeVarint(buf, pos, slots.next());
  if (r.requestId !== 0) pos = writeVarintField(buf, pos, T.CLIENT_RESPONSE_REQUEST_ID, r.requestId);
  const o = r.outcome;
  switch (o.kind) {
    case 'result':
      return writeBytesField(buf, pos, T.CLIENT_RESPONSE_RESULT, o.result);
    case 'redirect':
      buf[pos++] = T.CLIENT_RESPONSE_REDIRECT;
      pos = writeVarint(buf, pos, slots.next());
      pos = writeString(buf, pos, T.LEADER_REDIRECT_LEADER_ID, o.leaderId);
      return writeString(buf, pos, T.LEADER_REDIRECT_LEADER_ADDRESS, o.leaderAddress);
    case 'error':
      buf[pos++] = T.CLIENT_RESPONSE_ERROR;
      pos = writeVarint(buf, pos, slots.next());
      buf[pos++] = T.CLIENT_ERROR_CODE;
      buf[pos++] = errorCodeToWire(o.code);
      return writeString(buf, pos, T.CLIENT_ERROR_MESSAGE, o.message);
  }
}

function finish(buf: Uint8Array, pos: number): Uint8Array {
  if (pos !== buf.length || !slots.balanced) {
    throw new InvariantError('encoder sizes', `wrote ${pos} of ${buf.length} bytes`);
  }
  return buf;
}

function encodeRequests(requests: readonly ClientRequest[]): Uint8Array {
  let batchBytes = 0;
  for (let i = 0; i < requests.length; i++) batchBytes += lenFieldSize(requestSize(requests[i]!));
  const buf = allocFrame(lenFieldSize(batchBytes));
  buf[0] = T.CLIENT_FRAME_REQUESTS;
  let pos = writeVarint(buf, 1, batchBytes);
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i]!;
    buf[pos++] = T.CLIENT_REQUEST_BATCH_REQUESTS;
    // Recomputed rather than slotted: a handful of comparisons.
    pos = writeRequest(buf, pos, r, requestSize(r));
  }
  return finish(buf, pos);
}

function encodeResponses(responses: readonly ClientResponse[], nodeId: string, leaderId: string): Uint8Array {
  let batchBytes = stringFieldSize(nodeId, 'nodeId') + stringFieldSize(leaderId, 'leaderId');
  for (let i = 0; i < responses.length; i++) batchBytes += lenFieldSize(responseSize(responses[i]!));
  const buf = allocFrame(lenFieldSize(batchBytes));
  buf[0] = T.CLIENT_FRAME_RESPONSES;
  let pos = writeVarint(buf, 1, batchBytes);
  for (let i = 0; i < responses.length; i++) {
    buf[pos++] = T.CLIENT_RESPONSE_BATCH_RESPONSES;
    pos = writeResponse(buf, pos, responses[i]!);
  }
  pos = writeString(buf, pos, T.CLIENT_RESPONSE_BATCH_NODE_ID, nodeId);
  pos = writeString(buf, pos, T.CLIENT_RESPONSE_BATCH_LEADER_ID, leaderId);
  return finish(buf, pos);
}

export function encodeClientFrameFast(frame: ClientFrame): Uint8Array {
  slots.reset();
  return frame.kind === 'requests' ? encodeRequests(frame.requests) : encodeResponses(frame.responses, frame.nodeId, frame.leaderId);
}
