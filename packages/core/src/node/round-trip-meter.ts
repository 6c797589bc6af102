import { MessageType, type Message, type NodeId } from '../protocol/types.js';
import type { Metrics } from './metrics.js';

/**
 * Peer round trip times from the leader's own heartbeats (heartbeat sent → that peer's response), so
 * no probe traffic is added. It remembers when the oldest unanswered heartbeat to each peer left: a
 * heartbeat answered within a tick (the normal case) is measured exactly, and a lost one is replaced once
 * it is older than `sampleMsMax`, so a loss never becomes a sample longer than that. Holds one number
 * per peer; the work per send is one pass over the outgoing messages without allocation.
 */
export class RoundTripMeter {
  private readonly sentMs = new Map<NodeId, number>();

  constructor(
    private readonly metrics: Metrics,
    /** An answer later than this is not a sample (the heartbeat or its answer was lost). */
    private readonly sampleMsMax: number,
  ) {}

  get enabled(): boolean {
    return this.metrics.peerRoundTrip !== undefined;
  }

  sending(messages: readonly Message[]): void {
    let now = -1;
    for (const m of messages) {
      if (m.type !== MessageType.Heartbeat) continue;
      if (now < 0) now = performance.now();
      const since = this.sentMs.get(m.to);
      if (since === undefined || now - since > this.sampleMsMax) this.sentMs.set(m.to, now);
    }
  }

  answered(peer: NodeId): void {
    const sent = this.sentMs.get(peer);
    if (sent === undefined) return;
    this.sentMs.delete(peer);
    const ms = performance.now() - sent;
    if (ms <= this.sampleMsMax) this.metrics.peerRoundTrip?.(peer, ms / 1000);
  }

  /** Heartbeats of an earlier leadership are never a sample of a later one. */
  reset(): void {
    this.sentMs.clear();
  }
}
