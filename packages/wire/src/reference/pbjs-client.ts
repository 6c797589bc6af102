import { raftbus } from '../../gen/raftbus.js';
import { WireDecodeError, WireEncodeError } from '../errors.js';
import type { ClientErrorCode, ClientFrame, ClientRequest, ClientRequestKind, ClientResponse, DecodeOptions } from '../types.js';
import { checkUint64, uint64ToNumber } from './pbjs-int64.js';
import { asUint8Array } from './pbjs-message.js';
import { parseBounded } from './pbjs-peer.js';
import { numberReader } from './pbjs-reader.js';

import pb = raftbus.wire;

/** The reference codec of client frames (see pbjs-peer.ts). */

const KIND_TO_WIRE: Readonly<Record<ClientRequestKind, pb.ClientRequestKind>> = {
  command: pb.ClientRequestKind.COMMAND,
  query: pb.ClientRequestKind.QUERY,
  registerSession: pb.ClientRequestKind.REGISTER_SESSION,
};
const CODE_TO_WIRE: Readonly<Record<ClientErrorCode, pb.ClientErrorCode>> = {
  notLeader: pb.ClientErrorCode.NOT_LEADER,
  timeout: pb.ClientErrorCode.TIMEOUT,
  proposalDropped: pb.ClientErrorCode.PROPOSAL_DROPPED,
  sessionExpired: pb.ClientErrorCode.SESSION_EXPIRED,
  badRequest: pb.ClientErrorCode.BAD_REQUEST,
  internal: pb.ClientErrorCode.INTERNAL,
  outcomeUnknown: pb.ClientErrorCode.OUTCOME_UNKNOWN,
  overloaded: pb.ClientErrorCode.OVERLOADED,
  applyFailed: pb.ClientErrorCode.APPLY_FAILED,
  stopped: pb.ClientErrorCode.STOPPED,
};

function invert<K extends string>(table: Readonly<Record<K, number>>): readonly (K | undefined)[] {
  const out: (K | undefined)[] = [];
  for (const [k, v] of Object.entries(table) as [K, number][]) out[v] = k;
  return out;
}
const KIND_FROM_WIRE = invert(KIND_TO_WIRE);
const CODE_FROM_WIRE = invert(CODE_TO_WIRE);

function requestToWire(r: ClientRequest): pb.ClientRequest.$Properties {
  const kind = KIND_TO_WIRE[r.kind];
  if (kind === undefined) throw new WireEncodeError('kind', `unknown request kind ${String(r.kind)}`);
  return {
    clientId: r.clientId,
    sequence: checkUint64(r.sequence, 'sequence'),
    requestId: checkUint64(r.requestId, 'requestId'),
    kind,
    payload: r.payload,
    staleReadOk: r.staleReadOk,
    ackedBelow: checkUint64(r.ackedBelow, 'ackedBelow'),
  };
}

function responseToWire(r: ClientResponse): pb.ClientResponse.$Properties {
  const requestId = checkUint64(r.requestId, 'requestId');
  const o = r.outcome;
  switch (o.kind) {
    case 'result':
      return { requestId, result: o.result };
    case 'redirect':
      return { requestId, redirect: { leaderId: o.leaderId, leaderAddress: o.leaderAddress } };
    case 'error': {
      const code = CODE_TO_WIRE[o.code];
      if (code === undefined) throw new WireEncodeError('error.code', `unknown error code ${String(o.code)}`);
      return { requestId, error: { code, message: o.message } };
    }
  }
}

export function encodeClientFrame(frame: ClientFrame): Uint8Array {
  const wire: pb.ClientFrame.$Properties =
    frame.kind === 'requests'
      ? { requests: { requests: frame.requests.map(requestToWire) } }
      : { responses: { responses: frame.responses.map(responseToWire), nodeId: frame.nodeId, leaderId: frame.leaderId } };
  return pb.ClientFrame.encode(wire).finish();
}

function requestFromWire(w: pb.ClientRequest.$Properties): ClientRequest {
  const kind = KIND_FROM_WIRE[w.kind ?? 0];
  if (kind === undefined) throw new WireDecodeError('unknownType', `client request kind ${w.kind}`);
  if (!w.clientId) throw new WireDecodeError('invalidField', 'empty client id');
  return {
    clientId: w.clientId,
    sequence: uint64ToNumber(w.sequence, 'sequence'),
    requestId: uint64ToNumber(w.requestId, 'requestId'),
    kind,
    payload: w.payload ? asUint8Array(w.payload) : new Uint8Array(0),
    staleReadOk: w.staleReadOk ?? false,
    ackedBelow: uint64ToNumber(w.ackedBelow, 'ackedBelow'),
  };
}

function responseFromWire(w: pb.ClientResponse.$Properties): ClientResponse {
  const requestId = uint64ToNumber(w.requestId, 'requestId');
  if (w.result != null) return { requestId, outcome: { kind: 'result', result: asUint8Array(w.result) } };
  if (w.redirect) {
    const { leaderId, leaderAddress } = w.redirect;
    return { requestId, outcome: { kind: 'redirect', leaderId: leaderId ?? '', leaderAddress: leaderAddress ?? '' } };
  }
  if (w.error) {
    const code = CODE_FROM_WIRE[w.error.code ?? 0];
    if (code === undefined) throw new WireDecodeError('unknownType', `client error code ${w.error.code}`);
    return { requestId, outcome: { kind: 'error', code, message: w.error.message ?? '' } };
  }
  throw new WireDecodeError('unknownType', 'client response with no known outcome');
}

/** Decodes a client frame. Throws only WireDecodeError. */
export function decodeClientFrame(bytes: Uint8Array, options?: DecodeOptions): ClientFrame {
  return parseBounded(bytes, options, (b): ClientFrame => {
    const frame = pb.ClientFrame.decode(numberReader(b));
    if (frame.requests) return { kind: 'requests', requests: (frame.requests.requests ?? []).map(requestFromWire) };
    if (frame.responses) {
      const { responses, nodeId, leaderId } = frame.responses;
      return { kind: 'responses', responses: (responses ?? []).map(responseFromWire), nodeId: nodeId ?? '', leaderId: leaderId ?? '' };
    }
    throw new WireDecodeError('unknownType', 'client frame with no known body');
  });
}
