import type { NodeId } from '@raftbus/core';
import type { WireDecodeReason } from '@raftbus/wire';

/** Why messages bound for a peer were not sent. */
export type SendFailureReason =
  /** The peer's bounded send queue was full: the newest message was dropped (Raft retries). */
  | 'queueFull'
  /** The peer could not take a frame (down, not yet connected, or its pipe full): the queue was flushed. */
  | 'peerUnavailable'
  /** The encoded frame exceeded maxFrameBytes; the peer would drop it anyway. */
  | 'oversized'
  /** The message cannot be encoded (a caller bug, logged). */
  | 'encodeError'
  /** No address is configured for the destination. */
  | 'unknownPeer'
  /** A snapshot stream was abandoned (ack timeout, receiver abort, or replaced by a newer snapshot). */
  | 'snapshotAborted'
  /** The transport was not running. */
  | 'stopped';

/** Why an inbound frame or message was dropped. */
export type ReceiveDropReason =
  | WireDecodeReason
  /** Not the two ZeroMQ frames [routing id, payload] of a peer frame. */
  | 'badEnvelope'
  /** The sending routing id is not in the peer configuration. */
  | 'unknownPeer'
  /** A message whose `from` differs from the connection's routing id. */
  | 'spoofedSender'
  /** A message whose `to` is not this node. */
  | 'misrouted'
  /** A snapshot chunk out of order, over a bound, or of an unknown stream. */
  | 'snapshotRejected'
  /** The message handler threw (a bug in the handler; the transport keeps running). */
  | 'handlerError';

/**
 * Hooks the transport calls as traffic flows; a later package maps them onto Prometheus counters
 * (raft_peer_sent_bytes_total{to}, ...). Calls are synchronous and on the hot path: keep them cheap.
 */
export interface TransportMetrics {
  /** One frame of `messages` protocol messages (0 for snapshot chunks and acks) and `bytes` left for `peer`. */
  frameSent(peer: NodeId, messages: number, bytes: number): void;
  /** One frame arrived from `peer` and its `messages` messages were handed to the node. */
  frameReceived(peer: NodeId, messages: number, bytes: number): void;
  sendFailed(peer: NodeId, reason: SendFailureReason, messages: number): void;
  /** `peer` is the connection's routing id when known. */
  receiveDropped(peer: NodeId | undefined, reason: ReceiveDropReason): void;
  /** The outbound connection to `peer` completed its handshake / was lost. */
  peerConnected(peer: NodeId): void;
  peerDisconnected(peer: NodeId): void;
  /** A ZMTP/CURVE handshake failed: outbound to `peer`, or inbound from an unknown or refused party. */
  handshakeFailed(peer: NodeId | undefined, direction: 'inbound' | 'outbound'): void;
  /** A whole snapshot message was streamed to / reassembled from `peer`. */
  snapshotTransferred(peer: NodeId, direction: 'sent' | 'received', bytes: number): void;
}

export const noopTransportMetrics: TransportMetrics = {
  frameSent() {},
  frameReceived() {},
  sendFailed() {},
  receiveDropped() {},
  peerConnected() {},
  peerDisconnected() {},
  handshakeFailed() {},
  snapshotTransferred() {},
};

interface PeerCounters {
  framesSent: number;
  messagesSent: number;
  bytesSent: number;
  framesReceived: number;
  messagesReceived: number;
  bytesReceived: number;
  connects: number;
  disconnects: number;
}

/** A TransportMetrics that keeps plain counters: for tests, benchmarks, and a quick look in a REPL. */
export class CountingTransportMetrics implements TransportMetrics {
  readonly peers = new Map<NodeId, PeerCounters>();
  /** `${peer}:${reason}` → messages. */
  readonly sendFailures = new Map<string, number>();
  /** reason → frames. */
  readonly receiveDrops = new Map<ReceiveDropReason, number>();
  handshakeFailures = { inbound: 0, outbound: 0 };
  snapshotsSent = 0;
  snapshotsReceived = 0;

  peer(id: NodeId): PeerCounters {
    let c = this.peers.get(id);
    if (!c) {
      c = { framesSent: 0, messagesSent: 0, bytesSent: 0, framesReceived: 0, messagesReceived: 0, bytesReceived: 0, connects: 0, disconnects: 0 };
      this.peers.set(id, c);
    }
    return c;
  }
  frameSent(peer: NodeId, messages: number, bytes: number): void {
    const c = this.peer(peer);
    c.framesSent++;
    c.messagesSent += messages;
    c.bytesSent += bytes;
  }
  frameReceived(peer: NodeId, messages: number, bytes: number): void {
    const c = this.peer(peer);
    c.framesReceived++;
    c.messagesReceived += messages;
    c.bytesReceived += bytes;
  }
  sendFailed(peer: NodeId, reason: SendFailureReason, messages: number): void {
    const key = `${peer}:${reason}`;
    this.sendFailures.set(key, (this.sendFailures.get(key) ?? 0) + messages);
  }
  receiveDropped(_peer: NodeId | undefined, reason: ReceiveDropReason): void {
    this.receiveDrops.set(reason, (this.receiveDrops.get(reason) ?? 0) + 1);
  }
  peerConnected(peer: NodeId): void {
    this.peer(peer).connects++;
  }
  peerDisconnected(peer: NodeId): void {
    this.peer(peer).disconnects++;
  }
  handshakeFailed(_peer: NodeId | undefined, direction: 'inbound' | 'outbound'): void {
    this.handshakeFailures[direction]++;
  }
  snapshotTransferred(_peer: NodeId, direction: 'sent' | 'received'): void {
    if (direction === 'sent') this.snapshotsSent++;
    else this.snapshotsReceived++;
  }
  /** Total frames dropped on receive, all reasons. */
  receiveDropsTotal(): number {
    let n = 0;
    for (const v of this.receiveDrops.values()) n += v;
    return n;
  }
}
