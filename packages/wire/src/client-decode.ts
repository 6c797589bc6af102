import { CLIENT_ERROR_CODE_FROM_WIRE, CLIENT_REQUEST_KIND_FROM_WIRE } from './enums.js';
import { WireDecodeError } from './errors.js';
import { ProtoReader } from './proto-reader.js';
import * as T from './tags.js';
import type { ClientFrame, ClientOutcome, ClientRequest, ClientResponse } from './types.js';

/**
 * Hand-written decoder of client frames, with the peer decoder's rules (peer-decode.ts): values
 * raftbus never sends are recorded (ProtoReader.invalid) and thrown at the end of the frame if the
 * oneof member holding them is the frame's body; the values built around them are then discarded.
 * Depths: ClientFrame 0, the batches 1, ClientRequest/ClientResponse 2, LeaderRedirect/ClientError 3.
 */

const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

function readRequest(r: ProtoReader, end: number): ClientRequest {
  let clientId = '';
  let sequence = 0;
  let requestId = 0;
  let kindWire = 0;
  let payload = EMPTY_BYTES;
  let staleReadOk = false;
  let ackedBelow = 0;
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.CLIENT_REQUEST_CLIENT_ID:
        clientId = r.string(end);
        break;
      case T.CLIENT_REQUEST_SEQUENCE:
        sequence = r.uint64(end, 'sequence');
        break;
      case T.CLIENT_REQUEST_REQUEST_ID:
        requestId = r.uint64(end, 'requestId');
        break;
      case T.CLIENT_REQUEST_KIND:
        kindWire = r.uint32(end) | 0;
        break;
      case T.CLIENT_REQUEST_PAYLOAD:
        payload = r.bytes(end);
        break;
      case T.CLIENT_REQUEST_STALE_READ_OK:
        staleReadOk = r.bool(end);
        break;
      case T.CLIENT_REQUEST_ACKED_BELOW:
        ackedBelow = r.uint64(end, 'ackedBelow');
        break;
      default:
        r.unexpected(tag, end, 2, T.CLIENT_REQUEST_FIELD_MAX, 'ClientRequest');
    }
  }
  const kind = CLIENT_REQUEST_KIND_FROM_WIRE[kindWire];
  if (kind === undefined) r.reject(new WireDecodeError('unknownType', `client request kind ${kindWire}`));
  else if (!clientId) r.reject(new WireDecodeError('invalidField', 'empty client id'));
  // With a rejection recorded, this value is never handed out (the frame is rejected or replaced).
  return { clientId, sequence, requestId, kind: kind!, payload, staleReadOk, ackedBelow };
}

/** The outcome oneof while it is read: the last member on the wire wins; the same one twice merges. */
class OutcomeFields {
  member = 0;
  result: Uint8Array = EMPTY_BYTES;
  leaderId = '';
  leaderAddress = '';
  code = 0;
  message = '';

  /** Switches to `member`, forgetting what another member set (a oneof holds one value). */
  select(member: number): void {
    if (this.member === member) return;
    this.member = member;
    this.result = EMPTY_BYTES;
    this.leaderId = '';
    this.leaderAddress = '';
    this.code = 0;
    this.message = '';
  }
}

function readRedirect(r: ProtoReader, end: number, o: OutcomeFields): void {
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag === T.LEADER_REDIRECT_LEADER_ID) o.leaderId = r.string(end);
    else if (tag === T.LEADER_REDIRECT_LEADER_ADDRESS) o.leaderAddress = r.string(end);
    else r.unexpected(tag, end, 3, T.LEADER_REDIRECT_FIELD_MAX, 'LeaderRedirect');
  }
}

function readError(r: ProtoReader, end: number, o: OutcomeFields): void {
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag === T.CLIENT_ERROR_CODE) o.code = r.uint32(end) | 0;
    else if (tag === T.CLIENT_ERROR_MESSAGE) o.message = r.string(end);
    else r.unexpected(tag, end, 3, T.CLIENT_ERROR_FIELD_MAX, 'ClientError');
  }
}

/** The outcome; for one raftbus never sends, a rejection is recorded and a placeholder returned. */
function outcomeValue(r: ProtoReader, o: OutcomeFields): ClientOutcome {
  switch (o.member) {
    case T.CLIENT_RESPONSE_RESULT:
      return { kind: 'result', result: o.result };
    case T.CLIENT_RESPONSE_REDIRECT:
      return { kind: 'redirect', leaderId: o.leaderId, leaderAddress: o.leaderAddress };
    case T.CLIENT_RESPONSE_ERROR: {
      const code = CLIENT_ERROR_CODE_FROM_WIRE[o.code];
      if (code === undefined) r.reject(new WireDecodeError('unknownType', `client error code ${o.code}`));
      return { kind: 'error', code: code!, message: o.message };
    }
    default:
      r.reject(new WireDecodeError('unknownType', 'client response with no known outcome'));
      return NO_OUTCOME;
  }
}

const NO_OUTCOME: ClientOutcome = { kind: 'result', result: EMPTY_BYTES };

function readResponse(r: ProtoReader, end: number): ClientResponse {
  let requestId = 0;
  const o = new OutcomeFields();
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.CLIENT_RESPONSE_REQUEST_ID:
        requestId = r.uint64(end, 'requestId');
        break;
      case T.CLIENT_RESPONSE_RESULT:
        o.select(tag);
        o.result = r.bytes(end);
        break;
      case T.CLIENT_RESPONSE_REDIRECT: {
        const bodyEnd = r.lengthEnd(end);
        o.select(tag);
        readRedirect(r, bodyEnd, o);
        break;
      }
      case T.CLIENT_RESPONSE_ERROR: {
        const bodyEnd = r.lengthEnd(end);
        o.select(tag);
        readError(r, bodyEnd, o);
        break;
      }
      default:
        r.unexpected(tag, end, 2, T.CLIENT_RESPONSE_FIELD_MAX, 'ClientResponse');
    }
  }
  return { requestId, outcome: outcomeValue(r, o) };
}

/** Decodes a client frame (the caller checked its size). Throws only WireDecodeError. */
export function decodeClientFrameFast(bytes: Uint8Array): ClientFrame {
  const r = new ProtoReader(bytes);
  const end = bytes.length;
  // The body is a oneof: the last member on the wire wins; the same member twice merges.
  let body = 0;
  let requests: ClientRequest[] = [];
  let responses: ClientResponse[] = [];
  let nodeId = '';
  let leaderId = '';
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag !== T.CLIENT_FRAME_REQUESTS && tag !== T.CLIENT_FRAME_RESPONSES) {
      r.unexpected(tag, end, 0, T.CLIENT_FRAME_FIELD_MAX, 'ClientFrame');
      continue;
    }
    const bodyEnd = r.lengthEnd(end);
    if (body !== tag) {
      // Another member replaces the body, and with it whatever the previous one held.
      body = tag;
      requests = [];
      responses = [];
      nodeId = '';
      leaderId = '';
      r.invalid = undefined;
    }
    while (r.pos < bodyEnd) {
      const inner = r.tag(bodyEnd);
      if (tag === T.CLIENT_FRAME_REQUESTS) {
        if (inner === T.CLIENT_REQUEST_BATCH_REQUESTS) requests.push(readRequest(r, r.lengthEnd(bodyEnd)));
        else r.unexpected(inner, bodyEnd, 1, T.CLIENT_REQUEST_BATCH_FIELD_MAX, 'ClientRequestBatch');
      } else if (inner === T.CLIENT_RESPONSE_BATCH_RESPONSES) responses.push(readResponse(r, r.lengthEnd(bodyEnd)));
      else if (inner === T.CLIENT_RESPONSE_BATCH_NODE_ID) nodeId = r.string(bodyEnd);
      else if (inner === T.CLIENT_RESPONSE_BATCH_LEADER_ID) leaderId = r.string(bodyEnd);
      else r.unexpected(inner, bodyEnd, 1, T.CLIENT_RESPONSE_BATCH_FIELD_MAX, 'ClientResponseBatch');
    }
  }
  if (r.invalid) throw r.invalid;
  if (body === T.CLIENT_FRAME_REQUESTS) return { kind: 'requests', requests };
  if (body === T.CLIENT_FRAME_RESPONSES) return { kind: 'responses', responses, nodeId, leaderId };
  throw new WireDecodeError('unknownType', 'client frame with no known body');
}
