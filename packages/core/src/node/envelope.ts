import { BinaryReader, BinaryWriter, DecodeError, allocBytes, decodeUtf8, uintBytes, writeDoubleLE } from '@raftbus/state-machine';

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

// 2: adds requestsAckedBelow (the duplicate filter). Entries of another version stop the node with a clear error.
const VERSION = 2;
const LOG_TIME_OFFSET = 1;

/** Ids and client ids up to this length, all ASCII, take the exact-size fast path (one allocation). */
const FAST_PATH_STRING_CHARS_MAX = 127;

function isShortAscii(value: string): boolean {
  if (value.length > FAST_PATH_STRING_CHARS_MAX) return false;
  for (let k = 0; k < value.length; k++) if (value.charCodeAt(k) >= 0x80) return false;
  return true;
}

function putUint(buf: Uint8Array, pos: number, value: number): number {
  while (value >= 0x80) {
    buf[pos++] = (value % 0x80) | 0x80;
    value = Math.floor(value / 0x80);
  }
  buf[pos++] = value;
  return pos;
}

function putAscii(buf: Uint8Array, pos: number, value: string): number {
  buf[pos++] = value.length;
  for (let k = 0; k < value.length; k++) buf[pos++] = value.charCodeAt(k);
  return pos;
}

function checkUint(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not an unsigned safe integer: ${value}`);
}

/**
 * One envelope per proposal is on the hot path: the common case (ASCII ids) computes the exact size and
 * writes into one buffer; anything else goes through the general BinaryWriter (same bytes).
 */
export function encodeEnvelope(e: Envelope): Uint8Array {
  if (!isShortAscii(e.origin) || !isShortAscii(e.clientId)) return encodeEnvelopeGeneral(e);
  checkUint(e.incarnation);
  checkUint(e.requestId);
  checkUint(e.requestsAckedBelow);
  checkUint(e.seq);
  checkUint(e.ackedBelow);
  const n = e.command.length;
  const size =
    1 + 8 + 1 + e.origin.length + uintBytes(e.incarnation) + uintBytes(e.requestId) + uintBytes(e.requestsAckedBelow) +
    1 + e.clientId.length + uintBytes(e.seq) + uintBytes(e.ackedBelow) + uintBytes(n) + n;
  const buf = allocBytes(size);
  buf[0] = VERSION;
  writeDoubleLE(buf, LOG_TIME_OFFSET, e.logTimeMs);
  let pos = putAscii(buf, LOG_TIME_OFFSET + 8, e.origin);
  pos = putUint(buf, pos, e.incarnation);
  pos = putUint(buf, pos, e.requestId);
  pos = putUint(buf, pos, e.requestsAckedBelow);
  pos = putAscii(buf, pos, e.clientId);
  pos = putUint(buf, pos, e.seq);
  pos = putUint(buf, pos, e.ackedBelow);
  pos = putUint(buf, pos, n);
  buf.set(e.command, pos);
  return buf;
}

/** The reference encoding (any strings); the fast path must produce the same bytes. */
export function encodeEnvelopeGeneral(e: Envelope): Uint8Array {
  return new BinaryWriter(32 + e.command.length)
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

/**
 * Remembers the last string decoded at one place in the layout: consecutive entries nearly always carry
 * the same origin and client id, and comparing a few bytes is cheaper than building the same string
 * again (string building was a visible share of apply's CPU).
 */
class LastString {
  private bytes = new Uint8Array(0);
  private value = '';

  /** The string in `bytes[start, end)`; no view of it is made unless it differs from the last one. */
  decode(bytes: Uint8Array, start: number, end: number): string {
    const n = end - start;
    const last = this.bytes;
    if (n === last.length) {
      let k = 0;
      while (k < n && bytes[start + k] === last[k]) k++;
      if (k === n) return this.value;
    }
    const field = bytes.subarray(start, end);
    const value = decodeUtf8(field);
    this.bytes = field.slice();
    this.value = value;
    return value;
  }
}

const lastOrigin = new LastString();
const lastClientId = new LastString();

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const r = new BinaryReader(bytes);
  const version = r.uint();
  if (version !== VERSION) throw new DecodeError(`unknown envelope version ${version}`);
  const logTimeMs = r.double();
  const origin = lastOrigin.decode(bytes, r.skipBytes(), r.position);
  const incarnation = r.uint();
  const requestId = r.uint();
  const requestsAckedBelow = r.uint();
  const clientId = lastClientId.decode(bytes, r.skipBytes(), r.position);
  const seq = r.uint();
  const ackedBelow = r.uint();
  return { logTimeMs, origin, incarnation, requestId, requestsAckedBelow, clientId, seq, ackedBelow, command: r.bytes() };
}

/** The reference decoding (the general BinaryReader); decodeEnvelope must agree with it. */
export function decodeEnvelopeGeneral(bytes: Uint8Array): Envelope {
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
  if (bytes.length < LOG_TIME_OFFSET + 8 || bytes[0] !== VERSION) return bytes;
  const out = bytes.slice();
  writeDoubleLE(out, LOG_TIME_OFFSET, logTimeMs);
  return out;
}
