import { BinaryReader, BinaryWriter, DecodeError } from '@raftbus/state-machine';

/**
 * The payload of every application entry in the log. The proposer's identity (origin node, its
 * incarnation and request id) lets the proposing node resolve its caller when the entry is applied;
 * the optional session (client id + sequence) makes retries apply once; the log time is stamped by the
 * leader so that time-based state (leases, session expiry) is identical on every node.
 *
 * Layout: version (1 byte) | logTimeMs (float64 LE, at a fixed offset so the leader can restamp
 * forwarded proposals in place) | origin | incarnation | requestId | requestsAckedBelow | clientId | seq |
 * ackedBelow | command.
 */
export interface Envelope {
  readonly logTimeMs: number;
  readonly origin: string;
  readonly incarnation: number;
  readonly requestId: number;
  /**
   * Every request id of this origin incarnation below this one has been answered: the replicas may forget
   * them in their duplicate filter (a forwarded proposal can arrive twice over a duplicating network).
   */
  readonly requestsAckedBelow: number;
  /** Client session id, or '' for none. */
  readonly clientId: string;
  readonly seq: number;
  /** The client holds the answers of every sequence number below this one (the session may forget them). */
  readonly ackedBelow: number;
  readonly command: Uint8Array;
}

const VERSION = 1;
const LOG_TIME_OFFSET = 1;

export function encodeEnvelope(e: Envelope): Uint8Array {
  return new BinaryWriter(32 + e.command.byteLength)
    .uint(VERSION)
    .double(e.logTimeMs)
    .string(e.origin)
    .uint(e.incarnation)
    .uint(e.requestId)
    .uint(e.requestsAckedBelow)
    .string(e.clientId)
    .uint(e.seq)
    .uint(e.ackedBelow)
    .bytes(e.command)
    .finish();
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const r = new BinaryReader(bytes);
  const version = r.uint();
  if (version !== VERSION) throw new DecodeError(`unknown envelope version ${version}`);
  return {
    logTimeMs: r.double(),
    origin: r.string(),
    incarnation: r.uint(),
    requestId: r.uint(),
    requestsAckedBelow: r.uint(),
    clientId: r.string(),
    seq: r.uint(),
    ackedBelow: r.uint(),
    command: r.bytes(),
  };
}

/** A copy of `bytes` with the log time replaced (the leader stamps forwarded proposals). */
export function restampEnvelope(bytes: Uint8Array, logTimeMs: number): Uint8Array {
  if (bytes.byteLength < LOG_TIME_OFFSET + 8 || bytes[0] !== VERSION) return bytes;
  const out = bytes.slice();
  new DataView(out.buffer, out.byteOffset, out.byteLength).setFloat64(LOG_TIME_OFFSET, logTimeMs, true);
  return out;
}
