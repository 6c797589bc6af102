import type { ClientAnswerKind, ClientEndpointMetrics, ClientFrameDropReason } from '@raftbus/transport-zeromq';
import { Counter, type Registry } from 'prom-client';

// Every known label value, at 0: it is exported from the start, and the Records make a value added to
// the union without being listed here fail to compile.
const CLIENT_DROPS_ZERO: Readonly<Record<ClientFrameDropReason, number>> = {
  oversized: 0,
  malformed: 0,
  unknownType: 0,
  invalidField: 0,
  badEnvelope: 0,
  notRequests: 0,
};
const ANSWERS_ZERO: Readonly<Record<ClientAnswerKind, number>> = {
  result: 0,
  redirect: 0,
  notLeader: 0,
  timeout: 0,
  proposalDropped: 0,
  sessionExpired: 0,
  badRequest: 0,
  internal: 0,
  outcomeUnknown: 0,
  overloaded: 0,
  applyFailed: 0,
  stopped: 0,
};

/**
 * The client endpoint's traffic on prom-client (`<prefix>_client_*`). Its hooks run per frame and per
 * answered request, so they only add to plain numbers; prom-client reads them at scrape time (a labelled
 * prom-client counter hashes its labels and allocates on every inc()).
 */
export class PrometheusClientEndpointMetrics implements ClientEndpointMetrics {
  private readonly totals = {
    framesReceived: 0,
    requestsReceived: 0,
    receivedBytes: 0,
    framesSent: 0,
    responsesSent: 0,
    sentBytes: 0,
    responsesUnsent: 0,
    handshakeFailures: 0,
  };
  private readonly drops: Record<ClientFrameDropReason, number> = { ...CLIENT_DROPS_ZERO };
  private readonly answers: Record<ClientAnswerKind, number> = { ...ANSWERS_ZERO };

  constructor(registry: Registry, prefix = 'raftbus') {
    const registers = [registry];
    const totals = this.totals;
    const total = (name: string, help: string, field: keyof typeof totals) =>
      new Counter({
        name: `${prefix}_${name}`,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(totals[field]);
        },
      });
    const byLabel = (name: string, help: string, label: string, values: Readonly<Record<string, number>>) =>
      new Counter({
        name: `${prefix}_${name}`,
        help,
        labelNames: [label],
        registers,
        collect() {
          this.reset();
          for (const [value, n] of Object.entries(values)) this.inc({ [label]: value }, n);
        },
      });
    total('client_frames_received_total', 'Client frames accepted by the client endpoint.', 'framesReceived');
    total('client_requests_received_total', 'Client requests in the accepted frames.', 'requestsReceived');
    total('client_received_bytes_total', 'Bytes of the accepted client frames.', 'receivedBytes');
    byLabel('client_frames_dropped_total', 'Client frames dropped whole, by reason (none of their requests was answered).', 'reason', this.drops);
    byLabel('client_answers_total', 'Client requests answered, by kind (result, redirect, or the error code).', 'kind', this.answers);
    total('client_frames_sent_total', 'Reply frames sent to clients.', 'framesSent');
    total('client_responses_sent_total', 'Answers in the reply frames sent to clients.', 'responsesSent');
    total('client_sent_bytes_total', 'Bytes of the reply frames sent to clients.', 'sentBytes');
    total('client_responses_unsent_total', 'Answers whose reply frame could not be sent (the client retries; sessions keep that safe).', 'responsesUnsent');
    total('client_handshake_failures_total', 'Client connections refused in the ZMTP/CURVE handshake.', 'handshakeFailures');
  }

  frameReceived(requests: number, bytes: number): void {
    const t = this.totals;
    t.framesReceived++;
    t.requestsReceived += requests;
    t.receivedBytes += bytes;
  }

  frameDropped(reason: ClientFrameDropReason): void {
    this.drops[reason]++;
  }

  answered(kind: ClientAnswerKind): void {
    this.answers[kind]++;
  }

  frameSent(responses: number, bytes: number): void {
    const t = this.totals;
    t.framesSent++;
    t.responsesSent += responses;
    t.sentBytes += bytes;
  }

  sendFailed(responses: number): void {
    this.totals.responsesUnsent += responses;
  }

  handshakeFailed(): void {
    this.totals.handshakeFailures++;
  }
}
