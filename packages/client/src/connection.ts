import { Dealer, type Context } from 'zeromq';
import { WireDecodeError, decodeClientFrame, encodeClientFrame, type ClientRequest, type ClientResponse } from '@raftbus/wire';

/** A reply frame from a node. */
export interface ResponseFrame {
  readonly responses: readonly ClientResponse[];
  readonly nodeId: string;
  readonly leaderId: string;
}

export interface ConnectionEvents {
  onFrame(conn: NodeConnection, frame: ResponseFrame): void;
  /** The connection completed its handshake (again, after a reconnect): requests may go. */
  onUp(conn: NodeConnection): void;
  /** The connection dropped: whatever was sent on it will not be answered. */
  onDown(conn: NodeConnection): void;
  /** A frame of requests was handed to the socket. */
  onFrameSent(conn: NodeConnection): void;
  /** These requests could not be handed to the socket. */
  onSendFailed(conn: NodeConnection, requestIds: readonly number[]): void;
  /** A frame from the node could not be read (counted; the connection stays). */
  onBadFrame(conn: NodeConnection, reason: string): void;
  /** A ZMTP/CURVE handshake with the node failed (wrong keys, or CURVE on one side only). */
  onHandshakeFailed(conn: NodeConnection): void;
}

export interface ConnectionSettings {
  readonly context: Context;
  readonly maxFrameBytes: number;
  readonly maxRequestsPerFrame: number;
  readonly sendTimeoutMs: number;
  readonly reconnectIntervalMs: number;
  readonly reconnectIntervalMsMax: number;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  /** The client's key pair, when this node speaks CURVE. */
  readonly curve?: { readonly publicKey: string; readonly secretKey: string };
}

/** Per-request allowance for protobuf framing when estimating a frame's size. */
const REQUEST_OVERHEAD_BYTES = 64;
/** libzmq drops a connection whose inbound frame exceeds this multiple of maxFrameBytes, before buffering it. */
const HARD_FRAME_LIMIT_FACTOR = 2;

interface OutFrame {
  readonly bytes: Uint8Array;
  readonly requestIds: readonly number[];
}

/**
 * One DEALER to one node's client endpoint. Requests handed to `send()` during one event-loop turn leave
 * as one frame; zeromq.js allows one pending send per socket, so frames wait in a queue of their own
 * (its length is bounded by the client's in-flight bound, since every queued request is in flight).
 */
export class NodeConnection {
  /** The node's id, learned from its first reply ('' until then). */
  nodeId = '';
  /** Handshake done and not disconnected since. */
  up = false;
  handshakeFailures = 0;
  private readonly dealer: Dealer;
  private outbox: ClientRequest[] = [];
  private frames: OutFrame[] = [];
  private sending: Promise<void> | undefined;
  private flushScheduled = false;
  private closed = false;
  private readonly receiveLoop: Promise<void>;

  constructor(
    readonly address: string,
    serverPublicKey: string | undefined,
    private readonly s: ConnectionSettings,
    private readonly events: ConnectionEvents,
  ) {
    this.dealer = new Dealer({
      context: s.context,
      // Nothing may keep the process alive after close(); unsent requests are retried elsewhere anyway.
      linger: 0,
      // Queue only on a completed connection, so nothing piles up inside libzmq for a node that is down.
      immediate: true,
      sendTimeout: s.sendTimeoutMs,
      reconnectInterval: s.reconnectIntervalMs,
      reconnectMaxInterval: s.reconnectIntervalMsMax,
      heartbeatInterval: s.heartbeatIntervalMs,
      heartbeatTimeout: s.heartbeatTimeoutMs,
      heartbeatTimeToLive: s.heartbeatTimeoutMs,
      maxMessageSize: s.maxFrameBytes * HARD_FRAME_LIMIT_FACTOR,
      ...(serverPublicKey && s.curve ? { curveServerKey: serverPublicKey, curvePublicKey: s.curve.publicKey, curveSecretKey: s.curve.secretKey } : {}),
    });
    this.dealer.events.on('handshake', () => {
      if (this.closed) return;
      this.up = true;
      this.events.onUp(this);
    });
    this.dealer.events.on('disconnect', () => {
      if (this.closed || !this.up) return;
      this.up = false;
      this.reset();
      this.events.onDown(this);
    });
    const onHandshakeError = () => {
      this.handshakeFailures++;
      this.events.onHandshakeFailed(this);
    };
    this.dealer.events.on('handshake:error:protocol', onHandshakeError);
    this.dealer.events.on('handshake:error:auth', onHandshakeError);
    this.dealer.connect(address);
    this.receiveLoop = this.receive();
  }

  /**
   * Queue a request; it leaves with the others of this event-loop turn. A request sent `alone` (nothing
   * else of the client is in flight, so there is no batch to wait for) leaves as soon as the caller
   * yields, with whatever else was queued in the same synchronous run.
   */
  send(request: ClientRequest, alone = false): void {
    if (this.closed) return;
    this.outbox.push(request);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    if (alone) queueMicrotask(() => this.flush());
    else setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed || this.outbox.length === 0) return;
    const requests = this.outbox;
    this.outbox = [];
    for (let from = 0; from < requests.length; ) {
      const to = this.frameEnd(requests, from);
      const part = requests.slice(from, to);
      this.frames.push({ bytes: encodeClientFrame({ kind: 'requests', requests: part }), requestIds: part.map((r) => r.requestId) });
      from = to;
    }
    this.pump();
  }

  /** End (exclusive) of the frame starting at `from`: bounded in requests and in bytes. */
  private frameEnd(requests: readonly ClientRequest[], from: number): number {
    let bytes = 0;
    let to = from;
    while (to < requests.length && to - from < this.s.maxRequestsPerFrame) {
      const size = REQUEST_OVERHEAD_BYTES + requests[to]!.payload.byteLength;
      if (to > from && bytes + size > this.s.maxFrameBytes) break;
      bytes += size;
      to++;
    }
    return to;
  }

  private pump(): void {
    if (this.sending || this.closed) return;
    const frame = this.frames.shift();
    if (!frame) return;
    this.events.onFrameSent(this);
    this.sending = this.dealer.send(frame.bytes).then(
      () => {
        this.sending = undefined;
        this.pump();
      },
      () => {
        // EAGAIN: the connection is not up (it went down meanwhile).
        this.sending = undefined;
        if (this.closed) return;
        this.events.onSendFailed(this, frame.requestIds);
        this.pump();
      },
    );
  }

  /** Drop whatever has not left yet: after a disconnect the client re-sends it elsewhere. */
  reset(): void {
    this.outbox = [];
    this.frames = [];
  }

  private async receive(): Promise<void> {
    for (;;) {
      let parts: Buffer[];
      try {
        parts = await this.dealer.receive();
      } catch {
        if (this.closed || this.dealer.closed) return;
        continue;
      }
      if (parts.length !== 1) {
        this.events.onBadFrame(this, `${parts.length} ZeroMQ parts`);
        continue;
      }
      let frame;
      try {
        // The settings carry maxFrameBytes: no options object per frame.
        frame = decodeClientFrame(parts[0]!, this.s);
      } catch (err) {
        if (!(err instanceof WireDecodeError)) throw err;
        this.events.onBadFrame(this, err.message);
        continue;
      }
      if (frame.kind !== 'responses') {
        this.events.onBadFrame(this, 'a requests frame from a node');
        continue;
      }
      if (frame.nodeId) this.nodeId = frame.nodeId;
      this.events.onFrame(this, frame);
    }
  }

  /** Closes the socket at once (linger 0). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reset();
    this.dealer.close();
    await this.receiveLoop;
    await this.sending;
  }
}
