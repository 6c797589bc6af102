import type { Message, MessageHandler, NodeId, Transport } from '@raftbus/core';
import { Context, Router } from 'zeromq';
import { WireDecodeError, decodePeerEnvelope, encodeSnapshotChunkAck, type DecodeOptions, type SnapshotChunk } from '@raftbus/wire';
import { ZmqConfigError, ZmqStateError } from './errors.js';
import { RateLimitedLogger, stderrLogger } from './log.js';
import { noopTransportMetrics, type ReceiveDropReason } from './metrics.js';
import { SOCKET_SEND_TIMEOUT_MS, resolveOptions, type ResolvedOptions, type ZmqTransportOptions } from './options.js';
import { PeerLink } from './peer-link.js';
import { SnapshotAssembler } from './snapshot-stream.js';
import { FRAMES_PER_TURN_MAX, receiveLoop } from './receive-loop.js';
import { RouterOutlet, connectsTo } from './router-outlet.js';
import { CurveAllowList } from './zap.js';

/** libzmq closes a connection whose frame exceeds this multiple of maxFrameBytes (memory guard);
 * frames between 1× and this are read, counted and dropped by raftbus so they show in metrics. */
const HARD_FRAME_LIMIT_FACTOR = 2;
const ZAP_DOMAIN = 'raftbus';
/** How often unfinished inbound snapshot streams are checked for a stall. */
const SNAPSHOT_EXPIRY_CHECK_MS = 1_000;
/**
 * libzmq releases a closed listener asynchronously (its I/O thread), so a node restarted right after
 * stop() — in the same process, or a new process while the old one is still exiting — can briefly see
 * EADDRINUSE. Retry that long, then give up with the error.
 */
const BIND_RETRY_MS_MAX = 2_000;
const BIND_RETRY_INTERVAL_MS = 10;

/**
 * raftbus Transport over ZeroMQ. Each node binds one ROUTER. Each pair of nodes shares one
 * connection: the node whose id sorts first connects a DEALER (routing id = its node id) to the
 * other's ROUTER, and the other answers over it through its ROUTER. One bounded queue and one send
 * loop per peer. See the package README for the design and its reasons.
 */
export class ZmqTransport implements Transport {
  private readonly options: ResolvedOptions;
  /** Built once: the receive path passes it for every frame. */
  private readonly decodeOptions: DecodeOptions;
  private readonly log: RateLimitedLogger;
  private self: NodeId | undefined;
  private handler: MessageHandler | undefined;
  private context: Context | undefined;
  private router: Router | undefined;
  private outlet: RouterOutlet | undefined;
  private zap: CurveAllowList | undefined;
  private readonly links = new Map<NodeId, PeerLink>();
  private readonly assembler: SnapshotAssembler;
  private receiveLoop: Promise<void> | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private state: 'new' | 'starting' | 'running' | 'stopped' = 'new';
  private stopping: Promise<void> | undefined;
  private streamIdNext: number;

  constructor(options: ZmqTransportOptions) {
    this.options = resolveOptions(options, options.metrics ?? noopTransportMetrics, options.logger ?? stderrLogger);
    this.decodeOptions = { maxFrameBytes: this.options.maxFrameBytes };
    this.log = new RateLimitedLogger(this.options.logger);
    this.assembler = new SnapshotAssembler(this.options.maxSnapshotBytes, this.options.snapshotStallTimeoutMs);
    // Stream ids start from the clock so a restarted sender never reuses one the receiver still tracks.
    this.streamIdNext = Date.now();
  }

  /** The endpoint actually bound (resolves a `tcp://...:*` or port 0 bind). */
  get boundAddress(): string | undefined {
    return this.router?.lastEndpoint ?? undefined;
  }

  async start(self: NodeId, onMessage: MessageHandler): Promise<void> {
    if (this.state !== 'new') throw new ZmqStateError('a ZmqTransport starts once; create a new one to restart');
    const own = this.options.peers[self];
    const bind = this.options.bind ?? own?.address;
    if (!bind) throw new ZmqConfigError('peers', `no address for this node (${self}) and no bind option`);
    this.state = 'starting';
    this.self = self;
    this.handler = onMessage;
    // A context of its own: its inproc namespace holds this node's ZAP handler, so several transports
    // (and the application's own ZeroMQ use) can share a process.
    this.context = new Context({ blocky: false });
    try {
      await this.startRouter(bind);
    } catch (err) {
      await this.stop();
      throw err;
    }
    for (const [id, peer] of Object.entries(this.options.peers)) {
      if (id === self) continue;
      this.links.set(
        id,
        new PeerLink({
          self,
          peer: id,
          address: peer.address,
          peerPublicKey: peer.publicKey,
          context: this.context,
          options: this.options,
          log: this.log,
          outlet: connectsTo(self, id) ? undefined : this.outlet,
          nextStreamId: () => this.streamIdNext++,
          onInbound: (link, payload) => this.onPayload(id, link, payload),
        }),
      );
    }
    this.expiryTimer = setInterval(() => this.expireSnapshots(), SNAPSHOT_EXPIRY_CHECK_MS);
    this.expiryTimer.unref();
    this.state = 'running';
  }

  private async startRouter(bind: string): Promise<void> {
    const o = this.options;
    const curve = o.curve;
    if (curve) {
      const keys = [...Object.values(o.peers).map((p) => p.publicKey!), ...(curve.authorizedClientKeys ?? [])];
      this.zap = new CurveAllowList(this.context!, keys, (address, key) => {
        o.metrics.handshakeFailed(undefined, 'inbound');
        this.log.warn('zap-denied', { address, publicKey: key }, 'CURVE key not in the cluster configuration; connection refused');
      });
      await this.zap.start();
    }
    this.router = new Router({
      context: this.context!,
      linger: 0,
      // A restarted peer reconnects under the same routing id before the old connection is known dead.
      handover: true,
      // Sends to a peer that is not connected (or whose pipe is full) fail at once instead of
      // vanishing: the link counts them and flushes its queue (see RouterOutlet).
      mandatory: true,
      sendTimeout: SOCKET_SEND_TIMEOUT_MS,
      maxMessageSize: o.maxFrameBytes * HARD_FRAME_LIMIT_FACTOR,
      heartbeatInterval: o.heartbeatIntervalMs,
      heartbeatTimeout: o.heartbeatTimeoutMs,
      heartbeatTimeToLive: o.heartbeatTimeoutMs,
      ...(curve ? { curveServer: true, curveSecretKey: curve.secretKey, curvePublicKey: curve.publicKey, zapDomain: ZAP_DOMAIN } : {}),
    });
    this.router.events.on('handshake:error:protocol', (event) => {
      o.metrics.handshakeFailed(undefined, 'inbound');
      this.log.warn('handshake-in', { address: event.address, error: event.error.message }, 'inbound handshake failed');
    });
    await bindWithRetry(this.router, bind);
    this.outlet = new RouterOutlet(this.router);
    this.receiveLoop = this.receive(this.router);
  }

  send(messages: readonly Message[]): void {
    const { metrics } = this.options;
    if (this.state !== 'running') {
      for (const message of messages) metrics.sendFailed(message.to, 'stopped', 1);
      return;
    }
    // Queue the whole burst first, then pump each link once: one frame per peer per call.
    let only: PeerLink | undefined;
    let several: Set<PeerLink> | undefined;
    for (const message of messages) {
      const link = this.links.get(message.to);
      if (!link) {
        metrics.sendFailed(message.to, 'unknownPeer', 1);
        this.log.warn('unknown-peer', { to: message.to }, 'no address for destination; message dropped');
        continue;
      }
      link.enqueue(message);
      if (only === undefined) only = link;
      else if (link !== only) (several ??= new Set([only])).add(link);
    }
    if (several) for (const link of several) link.pump();
    else only?.pump();
  }

  private receive(router: Router): Promise<void> {
    return receiveLoop(router, {
      framesPerTurnMax: FRAMES_PER_TURN_MAX,
      isStopped: () => this.state === 'stopped',
      onFrame: (parts) => this.onFrame(parts),
      onError: (err) => this.log.warn('receive', { error: String(err) }, 'receive failed'),
    });
  }

  private drop(peer: NodeId | undefined, reason: ReceiveDropReason, detail: string): void {
    this.options.metrics.receiveDropped(peer, reason);
    this.log.warn(`drop:${reason}`, { peer, reason, detail }, 'inbound frame dropped');
  }

  /** A frame on the ROUTER: [routing id, payload]. */
  private onFrame(parts: Buffer[]): void {
    const peer = parts[0]?.toString('utf8');
    if (parts.length !== 2) return this.drop(peer, 'badEnvelope', `${parts.length} ZeroMQ frames`);
    const link = this.links.get(peer!);
    if (!link) return this.drop(peer, 'unknownPeer', 'routing id not in the peer configuration');
    link.noteRoutedTraffic();
    this.onPayload(peer!, link, parts[1]!);
  }

  /** A frame from `peer`, whichever socket it came in on. */
  private onPayload(peer: NodeId, link: PeerLink, payload: Buffer): void {
    let envelope;
    try {
      envelope = decodePeerEnvelope(payload, this.decodeOptions);
    } catch (err) {
      if (err instanceof WireDecodeError) return this.drop(peer, err.reason, err.message);
      throw err;
    }
    switch (envelope.kind) {
      case 'messages': {
        let delivered = 0;
        for (const message of envelope.messages) if (this.deliver(peer, message)) delivered++;
        this.options.metrics.frameReceived(peer, delivered, payload.length);
        return;
      }
      case 'snapshotChunk':
        this.options.metrics.frameReceived(peer, 0, payload.length);
        return this.onChunk(peer, link, envelope.chunk);
      case 'snapshotChunkAck':
        this.options.metrics.frameReceived(peer, 0, payload.length);
        return link.onAck(envelope.ack);
    }
  }

  private deliver(peer: NodeId, message: Message): boolean {
    if (message.from !== peer) {
      this.drop(peer, 'spoofedSender', `from ${message.from} on ${peer}'s connection`);
      return false;
    }
    if (message.to !== this.self) {
      this.drop(peer, 'misrouted', `to ${message.to}`);
      return false;
    }
    try {
      this.handler!(message);
      return true;
    } catch (err) {
      this.drop(peer, 'handlerError', String(err));
      return false;
    }
  }

  private onChunk(peer: NodeId, link: PeerLink, chunk: SnapshotChunk): void {
    if (chunk.header && chunk.header.to !== this.self) return this.drop(peer, 'misrouted', `snapshot to ${chunk.header.to}`);
    const outcome = this.assembler.accept(peer, chunk, Date.now());
    if (outcome.kind === 'rejected') {
      this.drop(peer, 'snapshotRejected', outcome.reason);
      link.enqueueControl(encodeSnapshotChunkAck({ streamId: chunk.streamId, chunkIndex: chunk.chunkIndex, aborted: true }));
      return;
    }
    link.enqueueControl(encodeSnapshotChunkAck({ streamId: chunk.streamId, chunkIndex: chunk.chunkIndex, aborted: false }));
    if (outcome.message && this.deliver(peer, outcome.message)) {
      this.options.metrics.snapshotTransferred(peer, 'received', outcome.message.snapshot!.data.byteLength);
    }
  }

  private expireSnapshots(): void {
    for (const peer of this.assembler.expire(Date.now())) this.drop(peer, 'snapshotRejected', 'stream stalled');
  }

  /** Closes every socket at once (linger 0): the process can exit as soon as this resolves. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    this.state = 'stopped';
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    const links = [...this.links.values()];
    this.links.clear();
    // Each close() shuts its DEALER synchronously; closing the ROUTER next settles a pending routed send at once.
    const closing = links.map((l) => l.close());
    this.router?.close();
    await Promise.all(closing);
    await this.receiveLoop;
    await this.zap?.close();
    this.assembler.clear();
  }
}

async function bindWithRetry(router: Router, address: string): Promise<void> {
  const deadline = Date.now() + BIND_RETRY_MS_MAX;
  for (;;) {
    try {
      return await router.bind(address);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EADDRINUSE' || Date.now() > deadline) throw err;
      await new Promise<void>((resolve) => setTimeout(resolve, BIND_RETRY_INTERVAL_MS));
    }
  }
}
