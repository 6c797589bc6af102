import type { NodeId } from '@raftbus/core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Per-frame traffic totals of one peer, kept as plain numbers and handed to prom-client at scrape time:
 * a labelled prom-client counter hashes its labels and allocates on every inc(), four times per frame.
 */
export interface PeerTraffic {
  sentBytes: number;
  receivedBytes: number;
  sentMessages: number;
  receivedMessages: number;
}

/** The per-peer series of one peer, looked up once and kept (prom-client's labels() hashes on every call). */
export interface PeerSeries {
  readonly roundTrip: Histogram.Internal<'peer'>;
  readonly lag: Gauge.Internal<'peer'>;
  readonly traffic: PeerTraffic;
  readonly connected: Gauge.Internal<'peer'>;
}

/**
 * The metrics labelled by peer. Peers are cluster members named in configuration (at most 7 voters plus
 * learners), so the label's cardinality is bounded by the membership, never by traffic.
 */
export class PeerChildren {
  private readonly roundTrip: Histogram<'peer'>;
  private readonly lag: Gauge<'peer'>;
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
    const byPeer = this.byPeer;
    const traffic = (name: string, help: string, field: keyof PeerTraffic) =>
      new Counter({
        name: `${prefix}_${name}`,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          for (const [peer, series] of byPeer) this.inc({ peer }, series.traffic[field]);
        },
      });
    traffic('peer_sent_bytes_total', 'Frame bytes sent to each peer.', 'sentBytes');
    traffic('peer_received_bytes_total', 'Frame bytes received from each peer.', 'receivedBytes');
    traffic('peer_sent_messages_total', 'Raft messages sent to each peer.', 'sentMessages');
    traffic('peer_received_messages_total', 'Raft messages received from each peer.', 'receivedMessages');
    this.connected = new Gauge({ name: `${prefix}_peer_connected`, help: 'Whether the outbound connection to each peer is up (1) or not (0).', labelNames, registers });
  }

  of(peer: NodeId): PeerSeries {
    let s = this.byPeer.get(peer);
    if (!s) {
      s = {
        roundTrip: this.roundTrip.labels(peer),
        lag: this.lag.labels(peer),
        traffic: { sentBytes: 0, receivedBytes: 0, sentMessages: 0, receivedMessages: 0 },
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
