import {
  ApplyError,
  NotLeaderError,
  OutcomeUnknownError,
  OverloadedError,
  ProposalDroppedError,
  RaftError,
  StoppedError,
  TimeoutError,
  type EncodedAnswer,
  type ProposeOptions,
  type ReadOptions,
} from '@raftbus/core';
import { Context, Router } from 'zeromq';
import { WireDecodeError, decodeClientFrame, encodeClientFrame, type ClientOutcome, type ClientRequest, type ClientResponse } from '@raftbus/wire';
import type { ClientEndpointMetrics, ClientFrameDropReason } from './client-endpoint-metrics.js';
import { resolveEndpointOptions, type ClientEndpointNode, type ClientEndpointOptions, type ResolvedEndpointOptions } from './client-endpoint-options.js';
import { ZmqStateError } from './errors.js';
import { RateLimitedLogger, stderrLogger } from './log.js';
import { BoundedQueue } from './send-queue.js';
import { receiveLoop } from './receive-loop.js';
import { CurveAllowList } from './zap.js';

/** Client ids are namespaced on the node so they never meet the HTTP API's sessions ("idem:", "client:"). */
export const CLIENT_SESSION_PREFIX = 'zmq:';
/** Longest client id accepted (it is stored in every entry of the session and in snapshots). */
const CLIENT_ID_BYTES_MAX = 128;
/** Bound on remembered client id → session id mappings (the cache is emptied when it is full). */
const SESSION_ID_CACHE_MAX = 4096;
/** libzmq closes a connection whose frame exceeds this multiple of maxFrameBytes, before buffering it. */
const HARD_FRAME_LIMIT_FACTOR = 2;
/** Frames handled per receive-loop turn before yielding, so timers, replies and Raft keep running. */
const FRAMES_PER_TURN_MAX = 64;
/** Answers coalesced into one reply frame. */
const RESPONSES_PER_FRAME_MAX = 4096;
/** Per-answer allowance for protobuf framing when estimating a reply frame's size. */
const RESPONSE_OVERHEAD_BYTES = 24;
/** Messages libzmq may queue per client connection before dropping (ROUTER semantics). */
const SEND_HIGH_WATER_MARK_FRAMES = 10_000;
const ZAP_DOMAIN = 'raftbus-client';
/**
 * libzmq releases a closed listener asynchronously, so a node restarted right after a stop (in the
 * same process, or a new one while the old is exiting) can briefly see EADDRINUSE: retry that long.
 */
const BIND_RETRY_MS_MAX = 2_000;
const BIND_RETRY_INTERVAL_MS = 10;

interface Connection {
  readonly routingId: Buffer;
  inFlight: number;
  outbox: ClientResponse[];
}

/** A CommandAnswer's result until the node answers. */
const NO_RESULT = new Uint8Array(0);

/**
 * One command's way back to its connection: the node calls it once with the outcome. An object per
 * request instead of a promise, its resolving functions, a `then` reaction and two closures. It is also
 * the response the reply frame lists, and its own outcome when the command succeeds, so answering
 * allocates nothing: the objects made per answer were among the leader's most promoted (V8 had moved
 * their allocation to the old generation, where each kept its result alive until a full collection).
 */
class CommandAnswer implements EncodedAnswer, ClientResponse {
  readonly kind = 'result';
  result: Uint8Array = NO_RESULT;
  outcome: ClientOutcome = this;

  constructor(
    private readonly endpoint: ClientEndpoint,
    private readonly conn: Connection,
    readonly requestId: number,
  ) {}

  resolve(result: Uint8Array): void {
    this.result = result;
    this.endpoint.complete(this.conn, this);
  }

  reject(error: Error): void {
    this.outcome = errorOutcome(error);
    this.endpoint.complete(this.conn, this);
  }

  /**
   * The reply frame holding this answer is encoded: let go of the result. V8 places objects allocated as
   * this one is in the old generation at times, and there a dead answer would keep its result alive
   * through every young collection until the next full one.
   */
  sent(): void {
    this.result = NO_RESULT;
  }
}

/** The answer a client gets for a failed request. */
function errorOutcome(err: unknown): ClientOutcome {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof NotLeaderError) {
    return err.leader ? { kind: 'redirect', leaderId: err.leader, leaderAddress: '' } : { kind: 'error', code: 'notLeader', message };
  }
  if (err instanceof OutcomeUnknownError) return { kind: 'error', code: 'outcomeUnknown', message };
  if (err instanceof TimeoutError) return { kind: 'error', code: 'timeout', message };
  if (err instanceof ProposalDroppedError) return { kind: 'error', code: 'proposalDropped', message };
  if (err instanceof OverloadedError) return { kind: 'error', code: 'overloaded', message };
  if (err instanceof StoppedError) return { kind: 'error', code: 'stopped', message };
  if (err instanceof ApplyError) return { kind: 'error', code: 'applyFailed', message };
  // A query payload the state machine's codec cannot read.
  if ((err as { code?: unknown }).code === 'DECODE') return badRequest(message);
  if (err instanceof RaftError) return { kind: 'error', code: 'internal', message };
  // The state machine's query() threw: the same answer on any node.
  return { kind: 'error', code: 'applyFailed', message };
}

/**
 * The node side of @raftbus/client: a ROUTER that takes batched client requests, hands commands to
 * `node.proposeEncodedTo` (with the client's session, so retries apply once) and queries to
 * `node.readEncoded`, and answers everything that completes in one event-loop turn as one reply frame
 * per client connection. Bad frames are dropped and counted; nothing a client sends stops the node.
 */
export class ClientEndpoint {
  private readonly o: ResolvedEndpointOptions;
  private readonly log: RateLimitedLogger;
  private readonly metrics: ClientEndpointMetrics;
  private readonly connections = new Map<string, Connection>();
  private readonly dirty = new Set<Connection>();
  /** Client id → session id (see sessionId). */
  private readonly sessionIds = new Map<string, string>();
  private readonly sendQueue: BoundedQueue<[Buffer, Uint8Array, number]>;
  private context: Context | undefined;
  private router: Router | undefined;
  private zap: CurveAllowList | undefined;
  private receiveLoop: Promise<void> | undefined;
  private sending: Promise<void> | undefined;
  private flushScheduled = false;
  private state: 'new' | 'running' | 'stopped' = 'new';
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly node: ClientEndpointNode,
    options: ClientEndpointOptions,
  ) {
    this.o = resolveEndpointOptions(options);
    this.log = new RateLimitedLogger(options.logger ?? stderrLogger);
    this.metrics = this.o.metrics;
    this.sendQueue = new BoundedQueue(this.o.maxQueuedFrames);
  }

  /** The endpoint actually bound (resolves a tcp://host:* bind). */
  get boundAddress(): string | undefined {
    return this.router?.lastEndpoint ?? undefined;
  }

  /** Client connections with requests being served or answers waiting. */
  get activeConnections(): number {
    return this.connections.size;
  }

  async start(): Promise<void> {
    if (this.state !== 'new') throw new ZmqStateError('a ClientEndpoint starts once; create a new one to restart');
    this.state = 'running';
    // A context of its own: its inproc namespace holds this endpoint's ZAP handler, apart from the peers'.
    this.context = new Context({ blocky: false });
    const curve = this.o.curve;
    try {
      if (curve?.authorizedClientKeys) {
        this.zap = new CurveAllowList(this.context, curve.authorizedClientKeys, (address, key) => {
          this.log.warn('client-zap-denied', { address, publicKey: key }, 'client CURVE key not allowed; connection refused');
        });
        await this.zap.start();
      }
      this.router = new Router({
        context: this.context,
        linger: 0,
        // A client that reconnects under the same routing id replaces its old connection.
        handover: true,
        maxMessageSize: this.o.maxFrameBytes * HARD_FRAME_LIMIT_FACTOR,
        sendHighWaterMark: SEND_HIGH_WATER_MARK_FRAMES,
        ...(curve
          ? { curveServer: true, curveSecretKey: curve.secretKey, curvePublicKey: curve.publicKey, ...(this.zap ? { zapDomain: ZAP_DOMAIN } : {}) }
          : {}),
      });
      const onHandshakeError = (event: { address: string; error: Error }) => {
        this.metrics.handshakeFailed();
        this.log.warn('client-handshake', { address: event.address, error: event.error.message }, 'client handshake failed');
      };
      this.router.events.on('handshake:error:protocol', onHandshakeError);
      this.router.events.on('handshake:error:auth', onHandshakeError);
      await bindWithRetry(this.router, this.o.bind);
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.receiveLoop = this.receive(this.router);
  }

  /** Closes the socket at once (linger 0); answers still being computed are discarded. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.state = 'stopped';
      this.sendQueue.clear();
      this.connections.clear();
      this.dirty.clear();
      this.router?.close();
      await this.receiveLoop;
      await this.sending?.catch(() => {});
      await this.zap?.close();
    })();
    return this.stopping;
  }

  private receive(router: Router): Promise<void> {
    return receiveLoop(router, {
      framesPerTurnMax: FRAMES_PER_TURN_MAX,
      isStopped: () => this.state === 'stopped',
      onFrame: (parts) => this.onFrame(parts),
      onError: (err) => this.log.warn('client-receive', { error: String(err) }, 'client receive failed'),
    });
  }

  private drop(reason: ClientFrameDropReason, detail: string): void {
    this.metrics.frameDropped(reason);
    this.log.warn(`client-drop:${reason}`, { reason, detail }, 'client frame dropped');
  }

  private onFrame(parts: Buffer[]): void {
    if (parts.length !== 2) return this.drop('badEnvelope', `${parts.length} ZeroMQ parts`);
    const [routingId, payload] = parts as [Buffer, Buffer];
    let requests: readonly ClientRequest[];
    try {
      // The resolved options carry maxFrameBytes: no options object per frame.
      const frame = decodeClientFrame(payload, this.o);
      if (frame.kind !== 'requests') return this.drop('notRequests', 'a responses frame sent to a node');
      requests = frame.requests;
    } catch (err) {
      if (err instanceof WireDecodeError) return this.drop(err.reason, err.message);
      throw err;
    }
    this.metrics.frameReceived(requests.length, payload.byteLength);
    const key = routingId.toString('latin1');
    let conn = this.connections.get(key);
    if (!conn) {
      conn = { routingId, inFlight: 0, outbox: [] };
      this.connections.set(key, conn);
    }
    for (const request of requests) this.serve(conn, request);
    this.release(key, conn);
  }

  private serve(conn: Connection, r: ClientRequest): void {
    const immediate = this.answerAtOnce(conn, r);
    if (immediate) return this.answer(conn, { requestId: r.requestId, outcome: immediate });
    conn.inFlight++;
    if (r.kind === 'command') return this.node.proposeEncodedTo(r.payload, this.proposeOptions(r), new CommandAnswer(this, conn, r.requestId));
    this.node.readEncoded(r.payload, this.readOptions(r)).then(
      (result) => this.complete(conn, { requestId: r.requestId, outcome: { kind: 'result', result } }),
      (err: unknown) => this.complete(conn, { requestId: r.requestId, outcome: errorOutcome(err) }),
    );
  }

  /** The answer of a request that needs no work from the node, or undefined. */
  private answerAtOnce(conn: Connection, r: ClientRequest): ClientOutcome | undefined {
    if (r.kind === 'registerSession') return { kind: 'result', result: new Uint8Array(0) };
    if (Buffer.byteLength(r.clientId) > CLIENT_ID_BYTES_MAX) return badRequest(`client id longer than ${CLIENT_ID_BYTES_MAX} bytes`);
    if (r.kind === 'command' && r.sequence < 1) return badRequest('a command needs a session sequence number from 1');
    if (r.kind === 'command' && r.ackedBelow > r.sequence) return badRequest(`ackedBelow ${r.ackedBelow} is above the sequence ${r.sequence}`);
    if (conn.inFlight >= this.o.maxInFlightPerConnection) {
      return { kind: 'error', code: 'overloaded', message: `more than ${this.o.maxInFlightPerConnection} requests in flight on this connection` };
    }
    const needsLeader = r.kind === 'command' || !r.staleReadOk;
    if (needsLeader && this.o.followerMode === 'redirect' && !this.node.isLeader) {
      const leader = this.node.leader;
      if (leader === '') return { kind: 'error', code: 'notLeader', message: 'no leader is known; retry shortly' };
      return { kind: 'redirect', leaderId: leader, leaderAddress: '' };
    }
    return undefined;
  }

  private proposeOptions(r: ClientRequest): ProposeOptions {
    const session = { clientId: this.sessionId(r.clientId), seq: r.sequence, ackedBelow: r.ackedBelow };
    const timeoutMs = this.o.requestTimeoutMs;
    return timeoutMs === undefined ? { session } : { session, timeoutMs };
  }

  /**
   * The session id of a client id, built once per client rather than per request: a concatenated
   * string, flattened again by every session-table lookup, was a new string per command.
   */
  private sessionId(clientId: string): string {
    let id = this.sessionIds.get(clientId);
    if (id === undefined) {
      // Bounded: a flood of distinct client ids only empties the cache.
      if (this.sessionIds.size >= SESSION_ID_CACHE_MAX) this.sessionIds.clear();
      id = CLIENT_SESSION_PREFIX + clientId;
      this.sessionIds.set(clientId, id);
    }
    return id;
  }

  private readOptions(r: ClientRequest): ReadOptions {
    const consistency = r.staleReadOk ? 'stale' : 'linearizable';
    const timeoutMs = this.o.requestTimeoutMs;
    return timeoutMs === undefined ? { consistency } : { consistency, timeoutMs };
  }

  /** A served request's outcome (from CommandAnswer or a read's promise). Internal: not for callers. */
  complete(conn: Connection, response: ClientResponse): void {
    conn.inFlight--;
    if (this.state !== 'running') return;
    this.answer(conn, response);
  }

  private answer(conn: Connection, response: ClientResponse): void {
    const outcome = response.outcome;
    this.metrics.answered(outcome.kind === 'error' ? outcome.code : outcome.kind);
    conn.outbox.push(response);
    this.dirty.add(conn);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Once the code that completed this answer yields: a node answers a whole applied batch in one
    // synchronous run, so the batch leaves as one frame, without waiting for the event loop to come round
    // (a step of every sequential commit).
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.state !== 'running') return;
    const leaderId = this.node.leader;
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const conn of dirty) {
      const responses = conn.outbox;
      conn.outbox = [];
      for (let from = 0; from < responses.length; ) {
        const to = this.frameEnd(responses, from);
        const bytes = encodeClientFrame({ kind: 'responses', responses: responses.slice(from, to), nodeId: this.node.id, leaderId });
        if (!this.sendQueue.push([conn.routingId, bytes, to - from])) this.metrics.sendFailed(to - from);
        from = to;
      }
      for (const r of responses) if (r instanceof CommandAnswer) r.sent();
      this.release(conn.routingId.toString('latin1'), conn);
    }
    this.pump();
  }

  /** End (exclusive) of the reply frame starting at `from`: bounded in answers and in bytes. */
  private frameEnd(responses: readonly ClientResponse[], from: number): number {
    let bytes = 0;
    let to = from;
    while (to < responses.length && to - from < RESPONSES_PER_FRAME_MAX) {
      const o = responses[to]!.outcome;
      const size = RESPONSE_OVERHEAD_BYTES + (o.kind === 'result' ? o.result.byteLength : o.kind === 'error' ? o.message.length : o.leaderId.length);
      if (to > from && bytes + size > this.o.maxFrameBytes) break;
      bytes += size;
      to++;
    }
    return to;
  }

  /** Forget a connection with nothing in flight and nothing to send: memory follows live work only. */
  private release(key: string, conn: Connection): void {
    if (conn.inFlight === 0 && conn.outbox.length === 0 && !this.dirty.has(conn)) this.connections.delete(key);
  }

  /** One pending send per socket (zeromq.js); frames queued meanwhile follow when it settles. */
  private pump(): void {
    if (this.sending || this.state !== 'running') return;
    const next = this.sendQueue.shift();
    if (!next) return;
    const [routingId, bytes, responses] = next;
    this.sending = this.router!.send([routingId, bytes]).then(
      () => {
        this.sending = undefined;
        this.metrics.frameSent(responses, bytes.byteLength);
        this.pump();
      },
      (err: unknown) => {
        this.sending = undefined;
        if (this.state !== 'running') return;
        this.metrics.sendFailed(responses);
        this.log.warn('client-send', { error: String(err) }, 'reply frame not sent');
        this.pump();
      },
    );
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

function badRequest(message: string): ClientOutcome {
  return { kind: 'error', code: 'badRequest', message };
}
