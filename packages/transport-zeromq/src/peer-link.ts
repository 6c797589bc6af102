import type { Message, NodeId } from '@raftbus/core';
import { Dealer, type Context } from 'zeromq';
import { WireEncodeError, encodeMessageBatch, encodeSnapshotChunk, type SnapshotChunkAck } from '@raftbus/wire';
import type { RateLimitedLogger } from './log.js';
import { SOCKET_SEND_TIMEOUT_MS, type ResolvedOptions } from './options.js';
import { BoundedQueue } from './send-queue.js';
import { OutboundSnapshot } from './snapshot-stream.js';
import { FRAMES_PER_TURN_MAX, receiveLoop } from './receive-loop.js';
import type { RouterOutlet, RouterOutletUser } from './router-outlet.js';

/** Bound on control frames (snapshot acks) waiting to be sent to one peer. */
const CONTROL_FRAMES_MAX = 1024;
/** While a peer cannot take frames, the link tries again this often, for up to sendTimeoutMs. */
const SEND_RETRY_INTERVAL_MS = 10;
/** Per-message and per-entry allowance for protobuf framing when estimating a batch's size. */
const MESSAGE_OVERHEAD_BYTES = 96;
const ENTRY_OVERHEAD_BYTES = 32;

interface Frame {
  readonly bytes: Uint8Array;
  /** Protocol messages in the frame (0 for chunks and acks), for metrics. */
  readonly messages: number;
  readonly kind: 'batch' | 'chunk' | 'control';
}

export interface LinkEnvironment {
  readonly self: NodeId;
  readonly peer: NodeId;
  readonly address: string;
  readonly peerPublicKey: string | undefined;
  readonly context: Context;
  readonly options: ResolvedOptions;
  readonly log: RateLimitedLogger;
  /**
   * The node's shared ROUTER when the peer connects to this node (its id sorts first); undefined when
   * this node connects to the peer through a DEALER of the link's own.
   */
  readonly outlet: RouterOutlet | undefined;
  nextStreamId(): number;
  /** Frames the peer sends back over this link's DEALER (a DEALER link only). */
  onInbound(link: PeerLink, payload: Buffer): void;
}

function estimateBytes(m: Message): number {
  let bytes = MESSAGE_OVERHEAD_BYTES + (m.context?.length ?? 0);
  for (const e of m.entries) bytes += ENTRY_OVERHEAD_BYTES + e.data.length;
  return bytes;
}

/**
 * Everything this node sends to one peer, over the pair's one connection: either a DEALER of the
 * link's own, connected to the peer's ROUTER (routing id = this node's id), which also receives what
 * the peer sends back; or, when the peer connected to this node, the node's ROUTER addressed by the
 * peer's routing id (shared with the other such links through a RouterOutlet). Plus a bounded queue
 * and the one send loop that may have a send pending (zeromq.js allows one per socket). Consecutive
 * queued messages are coalesced into one frame.
 */
export class PeerLink implements RouterOutletUser {
  readonly routingId: Buffer;
  private readonly dealer: Dealer | undefined;
  private readonly outlet: RouterOutlet | undefined;
  private receiving: Promise<void> | undefined;
  /** A ROUTER link's view of its peer's connection: learnt from traffic (the ROUTER names no peer in its events). */
  private routedPeerConnected = false;
  private readonly queue: BoundedQueue<Message>;
  private readonly control = new BoundedQueue<Uint8Array>(CONTROL_FRAMES_MAX);
  private snapshot: OutboundSnapshot | undefined;
  private preferSnapshot = false;
  /** The one pending dealer.send() (zeromq.js allows a single one per socket), and its frame. */
  private inFlight: Promise<void> | undefined;
  private inFlightFrame: Frame | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  /** A frame the peer could not take, sent again before anything else; and when that streak began. */
  private retryFrame: Frame | undefined;
  private unavailableSince: number | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly env: LinkEnvironment) {
    const o = env.options;
    this.queue = new BoundedQueue(o.maxQueuedMessagesPerPeer);
    this.routingId = Buffer.from(env.peer, 'utf8');
    this.outlet = env.outlet;
    if (env.outlet) return;
    const dealer = new Dealer({
      context: env.context,
      routingId: env.self,
      // Nothing may keep the process alive after stop(), and stale Raft messages are worthless.
      linger: 0,
      // Queue only to a completed connection: while the peer is down, send() fails at once instead of
      // libzmq piling up messages that would arrive stale.
      immediate: true,
      // A socket send never waits, since this socket also receives (see SOCKET_SEND_TIMEOUT_MS).
      sendTimeout: SOCKET_SEND_TIMEOUT_MS,
      reconnectInterval: o.reconnectIntervalMs,
      reconnectMaxInterval: o.reconnectIntervalMsMax,
      heartbeatInterval: o.heartbeatIntervalMs,
      heartbeatTimeout: o.heartbeatTimeoutMs,
      heartbeatTimeToLive: o.heartbeatTimeoutMs,
      ...(o.curve && env.peerPublicKey
        ? { curveServerKey: env.peerPublicKey, curvePublicKey: o.curve.publicKey, curveSecretKey: o.curve.secretKey }
        : {}),
    });
    this.dealer = dealer;
    const { metrics } = o;
    dealer.events.on('handshake', () => {
      metrics.peerConnected(env.peer);
      // A frame waiting for the connection goes now rather than at its next retry.
      this.pump();
    });
    dealer.events.on('disconnect', () => metrics.peerDisconnected(env.peer));
    const onHandshakeError = (event: { error: Error }) => {
      metrics.handshakeFailed(env.peer, 'outbound');
      env.log.warn(`handshake-out:${env.peer}`, { peer: env.peer, error: event.error.message }, 'outbound handshake failed');
    };
    dealer.events.on('handshake:error:auth', onHandshakeError);
    dealer.events.on('handshake:error:protocol', onHandshakeError);
    dealer.connect(env.address);
    // What the peer sends back over our DEALER: single-part frames (the peer is known).
    this.receiving = receiveLoop(dealer, {
      framesPerTurnMax: FRAMES_PER_TURN_MAX,
      isStopped: () => this.closed,
      onFrame: (parts) => {
        if (parts.length === 1) return env.onInbound(this, parts[0]!);
        o.metrics.receiveDropped(env.peer, 'badEnvelope');
        env.log.warn('drop:badEnvelope', { peer: env.peer, reason: 'badEnvelope', detail: `${parts.length} ZeroMQ frames` }, 'inbound frame dropped');
      },
      onError: (err) => env.log.warn(`receive:${env.peer}`, { peer: env.peer, error: String(err) }, 'receive failed'),
    });
  }

  /** A frame from the peer arrived on the ROUTER: for a ROUTER link, proof that the peer is connected. */
  noteRoutedTraffic(): void {
    if (this.outlet && !this.routedPeerConnected) {
      this.routedPeerConnected = true;
      this.env.options.metrics.peerConnected(this.env.peer);
      this.pump();
    }
  }

  /**
   * Queues a message for the peer without sending it: the caller queues a whole burst and then calls
   * `pump()` once, so the burst leaves as one frame. A snapshot message replaces any unfinished stream.
   */
  enqueue(message: Message): void {
    const { metrics } = this.env.options;
    if (this.closed) return metrics.sendFailed(this.env.peer, 'stopped', 1);
    if (message.snapshot) return this.startSnapshot(message);
    if (!this.queue.push(message)) return metrics.sendFailed(this.env.peer, 'queueFull', 1);
  }

  /** Queues a control frame (a snapshot chunk ack for the peer) and sends it as soon as possible. */
  enqueueControl(frame: Uint8Array): void {
    if (this.closed || !this.control.push(frame)) return;
    this.pump();
  }

  /** The peer acknowledged (or aborted) chunks of our outbound snapshot stream. */
  onAck(ack: SnapshotChunkAck): void {
    const stream = this.snapshot;
    if (!stream || !stream.acknowledge(ack, Date.now())) return;
    if (ack.aborted) this.abortSnapshot('aborted by the receiver');
    this.pump();
  }

  private startSnapshot(message: Message): void {
    const o = this.env.options;
    if (message.snapshot!.data.byteLength > o.maxSnapshotBytes) {
      this.env.log.warn('snapshot-oversized', { peer: this.env.peer, bytes: message.snapshot!.data.byteLength }, 'snapshot over maxSnapshotBytes not sent');
      return o.metrics.sendFailed(this.env.peer, 'oversized', 1);
    }
    if (this.snapshot && !this.snapshot.done) this.abortSnapshot('replaced by a newer snapshot');
    this.snapshot = new OutboundSnapshot(this.env.nextStreamId(), message, o.snapshotChunkBytes, o.maxSnapshotChunksInFlight, Date.now());
  }

  private abortSnapshot(reason: string): void {
    if (!this.snapshot) return;
    this.env.log.warn(`snapshot-abort:${this.env.peer}`, { peer: this.env.peer, streamId: this.snapshot.streamId, reason }, 'snapshot stream abandoned');
    this.env.options.metrics.sendFailed(this.env.peer, 'snapshotAborted', 1);
    this.snapshot = undefined;
  }

  /** The next frame to send, or undefined when there is nothing sendable right now. */
  private nextFrame(): Frame | undefined {
    const retry = this.retryFrame;
    if (retry) {
      this.retryFrame = undefined;
      return retry;
    }
    const control = this.control.shift();
    if (control) return { bytes: control, messages: 0, kind: 'control' };
    const stream = this.snapshot;
    if (stream) {
      if (stream.done) {
        this.env.options.metrics.snapshotTransferred(this.env.peer, 'sent', stream.totalBytes);
        this.snapshot = undefined;
      } else if (stream.stalled(Date.now(), this.env.options.snapshotStallTimeoutMs)) {
        this.abortSnapshot('no acknowledgement within snapshotStallTimeoutMs');
      }
    }
    // Alternate chunks and message batches so neither starves the other.
    const chunkReady = this.snapshot?.canSend ?? false;
    if (chunkReady && (this.preferSnapshot || this.queue.length === 0)) {
      this.preferSnapshot = false;
      return { bytes: encodeSnapshotChunk(this.snapshot!.takeChunk()), messages: 0, kind: 'chunk' };
    }
    this.preferSnapshot = true;
    return this.queue.length > 0 ? this.nextBatch() : undefined;
  }

  private nextBatch(maxMessages = this.env.options.maxBatchMessages): Frame | undefined {
    const o = this.env.options;
    const batch: Message[] = [];
    let estimated = 0;
    for (let m = this.queue.peek(); m && batch.length < maxMessages; m = this.queue.peek()) {
      const size = estimateBytes(m);
      if (batch.length > 0 && estimated + size > o.maxBatchBytes) break;
      batch.push(this.queue.shift()!);
      estimated += size;
    }
    let bytes: Uint8Array;
    try {
      bytes = encodeMessageBatch(batch);
    } catch (err) {
      if (!(err instanceof WireEncodeError) || batch.length === 1) {
        o.metrics.sendFailed(this.env.peer, 'encodeError', batch.length);
        this.env.log.warn('encode', { peer: this.env.peer, error: String(err) }, 'message cannot be encoded; dropped');
        return undefined;
      }
      // Isolate the bad message: put all but the first back and encode one at a time.
      for (let i = batch.length - 1; i >= 1; i--) this.queue.unshift(batch[i]!);
      return this.nextSingle(batch[0]!);
    }
    if (bytes.length > o.maxFrameBytes) {
      if (batch.length === 1) {
        o.metrics.sendFailed(this.env.peer, 'oversized', 1);
        this.env.log.warn('oversized', { peer: this.env.peer, bytes: bytes.byteLength }, 'message over maxFrameBytes; dropped');
        return undefined;
      }
      for (let i = batch.length - 1; i >= 1; i--) this.queue.unshift(batch[i]!);
      return this.nextSingle(batch[0]!);
    }
    return { bytes, messages: batch.length, kind: 'batch' };
  }

  /** Re-queues `message` at the front and takes a batch of just it. */
  private nextSingle(message: Message): Frame | undefined {
    this.queue.unshift(message);
    return this.nextBatch(1);
  }

  /**
   * Starts the next send unless one is pending. Called synchronously from send() (no event-loop hop
   * between a Raft node's send and the socket) and again whenever a send settles, so messages queued
   * meanwhile leave together as one frame.
   */
  pump(): void {
    // Each turn either starts a send and returns, or consumes a dropped message: bounded by the queue.
    while (!this.closed && !this.inFlight) {
      // On the shared ROUTER, wait for our turn (the outlet pumps us again).
      if (this.outlet && !this.outlet.acquire(this)) return;
      const frame = this.nextFrame();
      if (!frame) {
        // A dropped (unencodable or oversized) message yields no frame but may leave work behind.
        if (this.hasSendableWork()) continue;
        this.armStallCheck();
        return;
      }
      this.inFlightFrame = frame;
      // The settle handlers are bound once (constructor): a send allocates no closures.
      const sent = this.outlet ? this.outlet.send(this, frame.bytes) : this.dealer!.send(frame.bytes);
      this.inFlight = sent.then(this.onSent, this.onSendFailed);
      return;
    }
  }

  private readonly onSent = (): void => {
    const frame = this.inFlightFrame!;
    this.inFlight = undefined;
    this.inFlightFrame = undefined;
    this.unavailableSince = undefined;
    this.env.options.metrics.frameSent(this.env.peer, frame.messages, frame.bytes.length);
    this.pump();
  };

  private readonly onSendFailed = (err: unknown): void => {
    const frame = this.inFlightFrame!;
    this.inFlight = undefined;
    this.inFlightFrame = undefined;
    if (this.closed || this.retryLater(frame, err)) return;
    this.onSendError(frame, err);
    this.pump();
  };

  /**
   * A peer that cannot take a frame now (EAGAIN: not connected yet, or its pipe is full; EHOSTUNREACH:
   * not connected to our ROUTER) gets it again from a timer, ahead of everything queued behind it, until
   * it has been unavailable for sendTimeoutMs; then the queue is flushed (onSendError).
   */
  private retryLater(frame: Frame, err: unknown): boolean {
    const code = (err as { code?: string }).code;
    if (code !== 'EAGAIN' && code !== 'EHOSTUNREACH') return false;
    const now = Date.now();
    this.unavailableSince ??= now;
    if (now - this.unavailableSince >= this.env.options.sendTimeoutMs) return false;
    this.retryFrame = frame;
    if (!this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.pump();
      }, SEND_RETRY_INTERVAL_MS);
      this.retryTimer.unref();
    }
    return true;
  }

  private onSendError(frame: Frame, err: unknown): void {
    const o = this.env.options;
    const code = (err as { code?: string }).code;
    // EAGAIN: the peer is not connected yet (DEALER) or its pipe is at the high-water mark;
    // EHOSTUNREACH: the peer is not connected to our ROUTER. What is queued behind would arrive stale;
    // Raft resends what still matters on its next heartbeat, so flush rather than deliver history.
    const flushed = frame.messages + this.queue.clear();
    if (flushed > 0) o.metrics.sendFailed(this.env.peer, 'peerUnavailable', flushed);
    if (frame.kind === 'chunk') this.abortSnapshot('a chunk could not be sent');
    if (code === 'EHOSTUNREACH' && this.routedPeerConnected) {
      this.routedPeerConnected = false;
      o.metrics.peerDisconnected(this.env.peer);
    }
    const unavailable = code === 'EAGAIN' || code === 'EHOSTUNREACH';
    this.env.log.warn(`send:${this.env.peer}`, { peer: this.env.peer, code, dropped: flushed }, unavailable ? 'peer unavailable' : 'send failed');
  }

  private hasSendableWork(): boolean {
    return this.retryFrame !== undefined || this.control.length > 0 || this.queue.length > 0 || (this.snapshot?.canSend ?? false);
  }

  /** While a stream waits for acks, look again after a while: a stalled stream must be abandoned. */
  private armStallCheck(): void {
    if (!this.snapshot || this.stallTimer) return;
    this.stallTimer = setTimeout(() => {
      this.stallTimer = undefined;
      this.pump();
    }, Math.min(1000, this.env.options.snapshotStallTimeoutMs));
    this.stallTimer.unref();
  }

  /** Closes the socket at once (linger 0) and waits for a pending send to settle. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.retryFrame = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.queue.clear();
    this.control.clear();
    this.snapshot = undefined;
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.outlet?.remove(this);
    this.dealer?.close();
    await this.inFlight;
    await this.receiving;
  }
}
