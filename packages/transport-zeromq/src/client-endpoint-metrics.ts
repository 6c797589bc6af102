import type { ClientErrorCode, WireDecodeReason } from '@raftbus/wire';

/** Why a client frame was dropped whole (no request in it was answered). */
export type ClientFrameDropReason =
  | WireDecodeReason
  /** Not the two ZeroMQ parts [routing id, payload] a DEALER's single-part message arrives as. */
  | 'badEnvelope'
  /** A well-formed frame of the wrong direction (responses sent to a node). */
  | 'notRequests';

/** How a client request was answered. */
export type ClientAnswerKind = 'result' | 'redirect' | ClientErrorCode;

/**
 * Hooks the client endpoint calls as traffic flows (the Prometheus package maps them onto counters).
 * Synchronous and on the hot path: keep them cheap.
 */
export interface ClientEndpointMetrics {
  /** One frame of `requests` requests (`bytes` long) was accepted. */
  frameReceived(requests: number, bytes: number): void;
  frameDropped(reason: ClientFrameDropReason): void;
  /** One request was answered. */
  answered(kind: ClientAnswerKind): void;
  /** One reply frame carrying `responses` answers left for a client connection. */
  frameSent(responses: number, bytes: number): void;
  /** A reply frame could not be sent (its client retries the requests; sessions keep that safe). */
  sendFailed(responses: number): void;
  /** A client's ZMTP/CURVE handshake failed (wrong or unknown key, or no CURVE at all). */
  handshakeFailed(): void;
}

export const noopClientEndpointMetrics: ClientEndpointMetrics = {
  frameReceived() {},
  frameDropped() {},
  answered() {},
  frameSent() {},
  sendFailed() {},
  handshakeFailed() {},
};

/** Plain counters, for tests, benchmarks and a look in a REPL. */
export class CountingClientEndpointMetrics implements ClientEndpointMetrics {
  framesReceived = 0;
  requestsReceived = 0;
  bytesReceived = 0;
  framesSent = 0;
  responsesSent = 0;
  responsesUnsent = 0;
  handshakeFailures = 0;
  readonly drops = new Map<ClientFrameDropReason, number>();
  readonly answers = new Map<ClientAnswerKind, number>();

  frameReceived(requests: number, bytes: number): void {
    this.framesReceived++;
    this.requestsReceived += requests;
    this.bytesReceived += bytes;
  }
  frameDropped(reason: ClientFrameDropReason): void {
    this.drops.set(reason, (this.drops.get(reason) ?? 0) + 1);
  }
  answered(kind: ClientAnswerKind): void {
    this.answers.set(kind, (this.answers.get(kind) ?? 0) + 1);
  }
  frameSent(responses: number): void {
    this.framesSent++;
    this.responsesSent += responses;
  }
  sendFailed(responses: number): void {
    this.responsesUnsent += responses;
  }
  handshakeFailed(): void {
    this.handshakeFailures++;
  }
  /** Frames dropped for any reason. */
  dropsTotal(): number {
    let n = 0;
    for (const v of this.drops.values()) n += v;
    return n;
  }
}
