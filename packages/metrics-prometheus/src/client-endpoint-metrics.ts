import type { ClientAnswerKind, ClientEndpointMetrics, ClientFrameDropReason } from '@raftbus/transport-zeromq';
import { Counter, type Registry } from 'prom-client';

// Every known label value is exported at 0 from the start; Records, so that a value added to the union
// without being listed here fails to compile.
const CLIENT_DROP_REASONS: Record<ClientFrameDropReason, true> = {
  oversized: true,
  malformed: true,
  unknownType: true,
  invalidField: true,
  badEnvelope: true,
  notRequests: true,
};
const ANSWER_KINDS: Record<ClientAnswerKind, true> = {
  result: true,
  redirect: true,
  notLeader: true,
  timeout: true,
  proposalDropped: true,
  sessionExpired: true,
  badRequest: true,
  internal: true,
  outcomeUnknown: true,
  overloaded: true,
  applyFailed: true,
  stopped: true,
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
  private readonly drops = new Map<ClientFrameDropReason, number>(Object.keys(CLIENT_DROP_REASONS).map((r) => [r as ClientFrameDropReason, 0]));
  private readonly answers = new Map<ClientAnswerKind, number>(Object.keys(ANSWER_KINDS).map((k) => [k as ClientAnswerKind, 0]));

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
    const byLabel = <K extends string>(name: string, help: string, label: string, values: Map<K, number>) =>
      new Counter({
        name: `${prefix}_${name}`,
        help,
        labelNames: [label],
        registers,
        collect() {
          this.reset();
          for (const [value, n] of values) this.inc({ [label]: value }, n);
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
    this.drops.set(reason, (this.drops.get(reason) ?? 0) + 1);
  }

  answered(kind: ClientAnswerKind): void {
    this.answers.set(kind, (this.answers.get(kind) ?? 0) + 1);
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
