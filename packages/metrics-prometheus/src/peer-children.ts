import type { NodeId } from '@raftbus/core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The per-peer series of one peer, looked up once and kept (prom-client's labels() hashes on every call). */
export interface PeerSeries {
  readonly roundTrip: Histogram.Internal<'peer'>;
  readonly lag: Gauge.Internal<'peer'>;
  readonly sentBytes: Counter.Internal;
  readonly receivedBytes: Counter.Internal;
  readonly sentMessages: Counter.Internal;
  readonly receivedMessages: Counter.Internal;
  readonly connected: Gauge.Internal<'peer'>;
}

/**
 * The metrics labelled by peer. Peers are cluster members named in configuration (at most 7 voters plus
 * learners), so the label's cardinality is bounded by the membership, never by traffic.
 */
export class PeerChildren {
  private readonly roundTrip: Histogram<'peer'>;
  private readonly lag: Gauge<'peer'>;
  private readonly sentBytes: Counter<'peer'>;
  private readonly receivedBytes: Counter<'peer'>;
  private readonly sentMessages: Counter<'peer'>;
  private readonly receivedMessages: Counter<'peer'>;
  private readonly connected: Gauge<'peer'>;
  private readonly byPeer = new Map<NodeId, PeerSeries>();

  constructor(prefix: string, registers: Registry[], roundTripBuckets: number[]) {
    const labelNames = ['peer'] as const;
    this.roundTrip = new Histogram({
      name: `${prefix}_peer_round_trip_time_seconds`,
      help: 'Heartbeat round trip from the leader to each peer (Raft layer: network plus both event loops).',
      labelNames,
      buckets: roundTripBuckets,
      registers,
    });
    this.lag = new Gauge({ name: `${prefix}_follower_lag_entries`, help: "Leader only: entries each follower is behind the leader's last index.", labelNames, registers });
    this.sentBytes = new Counter({ name: `${prefix}_peer_sent_bytes_total`, help: 'Frame bytes sent to each peer.', labelNames, registers });
    this.receivedBytes = new Counter({ name: `${prefix}_peer_received_bytes_total`, help: 'Frame bytes received from each peer.', labelNames, registers });
    this.sentMessages = new Counter({ name: `${prefix}_peer_sent_messages_total`, help: 'Raft messages sent to each peer.', labelNames, registers });
    this.receivedMessages = new Counter({ name: `${prefix}_peer_received_messages_total`, help: 'Raft messages received from each peer.', labelNames, registers });
    this.connected = new Gauge({ name: `${prefix}_peer_connected`, help: 'Whether the outbound connection to each peer is up (1) or not (0).', labelNames, registers });
  }

  of(peer: NodeId): PeerSeries {
    let s = this.byPeer.get(peer);
    if (!s) {
      s = {
        roundTrip: this.roundTrip.labels(peer),
        lag: this.lag.labels(peer),
        sentBytes: this.sentBytes.labels(peer),
        receivedBytes: this.receivedBytes.labels(peer),
        sentMessages: this.sentMessages.labels(peer),
        receivedMessages: this.receivedMessages.labels(peer),
        connected: this.connected.labels(peer),
      };
      this.byPeer.set(peer, s);
    }
    return s;
  }

  /** Drop every follower-lag series (this node stopped leading). */
  clearLag(): void {
    // Cached children look the series up at call time, so they stay valid across reset().
    this.lag.reset();
  }
}
