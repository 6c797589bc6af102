import { randomUUID } from 'node:crypto';
import { OutcomeUnknownError, OverloadedError, SequenceMap, TimeoutError } from '@raftbus/core';
import type { StateMachineDefinition } from '@raftbus/state-machine';
import { Context, curveKeyPair } from 'zeromq';
import { NodeConnection, type ConnectionEvents, type ResponseFrame } from './connection.js';
import { DeadlineList } from './deadlines.js';
import { ClientClosedError, ClientConfigError } from './errors.js';
import { CounterClient, typedEndpoint, type ReadRequestOptions, type RequestOptions, type TypedEndpoint } from './helpers.js';
import { resolveClientOptions, type RaftbusClientOptions, type ResolvedClientOptions } from './options.js';
import { Fifo, PendingRequest } from './request.js';
import { decide, decideLost, type Decision, type LostCause, type RetryPolicy } from './retry.js';
import { SessionWindow } from './session.js';
import { KvClient, kvStore } from '@raftbus/example-kv-store';
import { LockClient, lockService } from '@raftbus/example-lock-service';
import { counter } from '@raftbus/example-counter';

/** Request id of the hello sent on every (re)connection; requests count from 1. */
const HELLO_REQUEST_ID = 0;
/** Requests coalesced into one frame (a turn's burst beyond it leaves as several frames). */
const REQUESTS_PER_FRAME_MAX = 1024;
/**
 * A send never waits: on a connection that went down between the check and the send it fails at once
 * (EAGAIN) and the requests are retried elsewhere. It must not wait, because the DEALER also receives:
 * in zeromq.js a send that waits out its timeout can swallow the socket's readable edge, and a response
 * that arrived in that window would then sit undelivered until the next send (see SOCKET_SEND_TIMEOUT_MS in
 * @raftbus/transport-zeromq's options.ts, where the transport suite caught it).
 */
const SEND_TIMEOUT_MS = 0;
const RECONNECT_INTERVAL_MS = 50;
const RECONNECT_INTERVAL_MS_MAX = 1_000;
/** ZMTP heartbeats notice a node that stopped answering without closing its connection (SIGSTOP, a partition). */
const HEARTBEAT_INTERVAL_MS = 1_000;
const HEARTBEAT_TIMEOUT_MS = 3_000;

/** What the client counted; for tests, benchmarks and debugging. */
export interface ClientStats {
  requests: number;
  retries: number;
  redirects: number;
  attemptTimeouts: number;
  disconnects: number;
  /** Frames from nodes that could not be read. */
  badFrames: number;
  /** Failed ZMTP/CURVE handshakes (a key mismatch shows here, and as requests that time out unsent). */
  handshakeFailures: number;
  /** Answers to attempts already given up on (a retry went elsewhere). */
  lateAnswers: number;
  framesReceived: number;
  /** Frames of requests handed to ZeroMQ. */
  framesSent: number;
}

/**
 * A client of a raftbus cluster over ZeroMQ: one DEALER per node, leader discovery and following,
 * pipelining (many requests in flight, matched by request id), one frame per node per event-loop turn,
 * and retries with the same session (client id, sequence) so every command applies exactly once.
 * `close()` closes every socket; until then the open sockets keep the process alive.
 */
export class RaftbusClient<C = unknown, R = unknown, Q = unknown, QR = unknown> {
  /** This client's session id (random per instance: sequence numbers restart with every client). */
  readonly clientId = randomUUID();
  readonly stats: ClientStats = { requests: 0, retries: 0, redirects: 0, attemptTimeouts: 0, disconnects: 0, badFrames: 0, handshakeFailures: 0, lateAnswers: 0, framesReceived: 0, framesSent: 0 };
  private readonly o: ResolvedClientOptions;
  private readonly definition: StateMachineDefinition<C, R, Q, QR> | undefined;
  private readonly context = new Context({ blocky: false });
  private readonly conns: NodeConnection[];
  private readonly byNodeId = new Map<string, NodeConnection>();
  private readonly session: SessionWindow;
  private readonly policy: RetryPolicy;
  private readonly inflight = new SequenceMap<PendingRequest>();
  private readonly waiting = new Fifo<PendingRequest>();
  private waitingCount = 0;
  private readonly parked = new Set<PendingRequest>();
  /** Every request not yet finished, whatever its state (close() fails them all). */
  private readonly pending = new Set<PendingRequest>();
  /** Every request's one pending timer (attempt, deadline or backoff), behind a single Node timer. */
  private readonly timers = new DeadlineList<PendingRequest>((req) => this.onTimer(req));
  private active = 0;
  private leaderId = '';
  private nextRequestId = 1;
  private roundRobin = 0;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(options: RaftbusClientOptions<C, R, Q, QR>) {
    this.o = resolveClientOptions(options as RaftbusClientOptions);
    this.definition = options.definition;
    this.session = new SessionWindow(this.o.sessionWindow);
    this.policy = { backoffMsMin: this.o.retryBackoffMsMin, backoffMsMax: this.o.retryBackoffMsMax, nodeCount: this.o.nodes.length, random: Math.random };
    const needsCurve = this.o.nodes.some((n) => n.publicKey);
    const curve = needsCurve ? (options.curve ?? curveKeyPair()) : undefined;
    const settings = {
      context: this.context,
      maxFrameBytes: this.o.maxFrameBytes,
      maxRequestsPerFrame: REQUESTS_PER_FRAME_MAX,
      sendTimeoutMs: SEND_TIMEOUT_MS,
      reconnectIntervalMs: RECONNECT_INTERVAL_MS,
      reconnectIntervalMsMax: RECONNECT_INTERVAL_MS_MAX,
      heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
      heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
      ...(curve ? { curve } : {}),
    };
    const events: ConnectionEvents = {
      onFrame: (conn, frame) => this.onFrame(conn, frame),
      onUp: (conn) => this.onUp(conn),
      onDown: (conn) => this.onDown(conn),
      onFrameSent: () => void this.stats.framesSent++,
      onSendFailed: (conn, ids) => this.onSendFailed(conn, ids),
      onBadFrame: () => void this.stats.badFrames++,
      onHandshakeFailed: () => void this.stats.handshakeFailures++,
    };
    this.conns = this.o.nodes.map((n) => new NodeConnection(n.address, n.publicKey, settings, events));
  }

  /** The leader's node id as this client last learned it ('' when unknown). */
  get leader(): string {
    return this.leaderId;
  }

  /** Requests admitted and not yet answered (at most maxInFlight). */
  get inFlight(): number {
    return this.active;
  }

  // ── Requests ────────────────────────────────────────────────────────────────────────────────────

  /** A command encoded with the state machine's command codec; resolves to its encoded result. Applies exactly once. */
  commandEncoded(command: Uint8Array, options: RequestOptions = {}): Promise<Uint8Array> {
    return this.submit('command', command, false, options.timeoutMs);
  }

  /** A query encoded with the query codec; linearizable unless `consistency: 'stale'`. */
  queryEncoded(query: Uint8Array, options: ReadRequestOptions = {}): Promise<Uint8Array> {
    return this.submit('query', query, options.consistency === 'stale', options.timeoutMs);
  }

  /** A command of the `definition` this client was made with. */
  async command(command: C, options?: RequestOptions): Promise<R> {
    const def = this.requireDefinition('command');
    return def.resultCodec.decode(await this.commandEncoded(def.commandCodec.encode(command), options));
  }

  /** A query of the `definition` this client was made with. */
  async query(query: Q, options?: ReadRequestOptions): Promise<QR> {
    const def = this.requireDefinition('query');
    return def.queryResultCodec.decode(await this.queryEncoded(def.queryCodec.encode(query), options));
  }

  /** `propose` / `read` typed by any state machine definition (the cluster must run that state machine). */
  endpoint<C2, R2, Q2, QR2>(definition: StateMachineDefinition<C2, R2, Q2, QR2>): TypedEndpoint<C2, R2, Q2, QR2> {
    return typedEndpoint(this, definition);
  }

  /** Typed calls for a cluster running the counter example. */
  counter(): CounterClient {
    return new CounterClient(this.endpoint(counter));
  }

  /** Typed calls for a cluster running the lock service example (its own sessions are this client's). */
  lock(): LockClient {
    return new LockClient(this.endpoint(lockService));
  }

  /** Typed calls for a cluster running the kv-store example. */
  kv(): KvClient {
    return new KvClient(this.endpoint(kvStore));
  }

  private requireDefinition(what: string): StateMachineDefinition<C, R, Q, QR> {
    if (!this.definition) throw new ClientConfigError('definition', `${what}() needs the state machine definition; pass it to the constructor or use endpoint(definition)`);
    return this.definition;
  }

  private submit(kind: 'command' | 'query', payload: Uint8Array, staleReadOk: boolean, timeoutMs = this.o.timeoutMs): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new ClientClosedError());
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return Promise.reject(new ClientConfigError('timeoutMs', `must be positive, got ${timeoutMs}`));
    this.stats.requests++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const req = new PendingRequest(kind, payload, staleReadOk, timeoutMs, Date.now() + timeoutMs, resolve, reject);
      this.pending.add(req);
      if (this.waitingCount === 0 && this.canAdmit(req)) return this.admit(req);
      if (this.waitingCount >= this.o.maxQueued) {
        this.pending.delete(req);
        return reject(new OverloadedError('client requests', this.o.maxQueued));
      }
      this.waiting.push(req);
      this.waitingCount++;
      this.arm(req, req.deadlineMs);
    });
  }

  private canAdmit(req: PendingRequest): boolean {
    return this.active < this.o.maxInFlight && (req.kind === 'query' || this.session.canOpen());
  }

  private admit(req: PendingRequest): void {
    this.active++;
    if (req.kind === 'command') req.seq = this.session.openNext();
    this.dispatch(req);
  }

  private dispatch(req: PendingRequest): void {
    if (this.closed) return this.finish(req, new ClientClosedError(), undefined);
    const conn = this.pick(req.avoid);
    if (!conn) {
      req.state = 'parked';
      this.parked.add(req);
      this.arm(req, req.deadlineMs);
      return;
    }
    req.state = 'inflight';
    req.attemptId = this.nextRequestId++;
    req.conn = conn;
    req.sent = true;
    this.inflight.set(req.attemptId, req);
    const alone = this.inflight.size === 1;
    conn.send({
      clientId: this.clientId,
      sequence: req.seq,
      requestId: req.attemptId,
      kind: req.kind,
      payload: req.payload,
      staleReadOk: req.staleReadOk,
      // Carried by every attempt: a retry may raise it too, never lower what the node has.
      ackedBelow: req.kind === 'command' ? this.session.ackedBelow : 0,
    }, alone);
    this.arm(req, Math.min(Date.now() + this.o.attemptTimeoutMs, req.deadlineMs));
  }

  /** The leader's connection if it is up (and not to be avoided), else the next live one in turn. */
  private pick(avoid: NodeConnection | undefined): NodeConnection | undefined {
    const leader = this.leaderId ? this.byNodeId.get(this.leaderId) : undefined;
    if (leader && leader.up && leader !== avoid) return leader;
    const n = this.conns.length;
    for (let i = 0; i < n; i++) {
      const c = this.conns[(this.roundRobin + i) % n]!;
      if (c.up && c !== avoid) {
        this.roundRobin = (this.roundRobin + i + 1) % n;
        return c;
      }
    }
    return avoid?.up ? avoid : undefined;
  }

  private arm(req: PendingRequest, atMs: number): void {
    this.timers.arm(req, atMs);
  }

  private onTimer(req: PendingRequest): void {
    if (req.state === 'done') return;
    if (Date.now() >= req.deadlineMs) return this.expire(req);
    if (req.state === 'delayed') return this.dispatch(req);
    if (req.state === 'inflight') {
      this.stats.attemptTimeouts++;
      this.inflight.delete(req.attemptId);
      req.lastProblem = `no answer from ${req.conn?.address} within ${this.o.attemptTimeoutMs} ms`;
      return this.lost(req, 'attemptTimeout');
    }
    this.arm(req, req.deadlineMs);
  }

  private expire(req: PendingRequest): void {
    if (req.state === 'parked') {
      const hf = this.stats.handshakeFailures;
      req.lastProblem = `no connection to any node is up${hf > 0 ? `; ${hf} failed handshake${hf === 1 ? "" : "s"} (check the CURVE keys)` : ''}`;
    }
    const what = `${req.kind} (${req.lastProblem})`;
    // A command that left the client may have applied: only a session retry could tell, and time is up.
    const err = req.kind === 'command' && req.sent ? new OutcomeUnknownError(`no answer within ${req.timeoutMs} ms: ${req.lastProblem}`) : new TimeoutError(what, req.timeoutMs);
    this.finish(req, err, undefined);
  }

  private finish(req: PendingRequest, err: Error | undefined, result: Uint8Array | undefined): void {
    const was = req.state;
    if (was === 'done') return;
    req.state = 'done';
    this.pending.delete(req);
    this.timers.disarm(req);
    if (was === 'inflight') this.inflight.delete(req.attemptId);
    if (was === 'parked') this.parked.delete(req);
    if (was === 'waiting') {
      this.waitingCount--; // stays in the FIFO, skipped when reached
    } else {
      this.active--;
      if (req.kind === 'command') this.session.close(req.seq);
    }
    if (err) req.reject(err);
    else req.resolve(result!);
    this.admitWaiting();
  }

  private admitWaiting(): void {
    // Bounded by the queue: every turn admits or discards one entry, or stops.
    for (let req = this.waiting.peek(); req && !this.closed; req = this.waiting.peek()) {
      if (req.state === 'done') {
        this.waiting.shift();
        continue;
      }
      if (!this.canAdmit(req)) return;
      this.waiting.shift();
      this.waitingCount--;
      this.admit(req);
    }
  }

  // ── Answers and connection events ──────────────────────────────────────────────────────────────

  private onFrame(conn: NodeConnection, frame: ResponseFrame): void {
    this.stats.framesReceived++;
    if (frame.nodeId) this.byNodeId.set(frame.nodeId, conn);
    this.learnLeader(frame.nodeId, frame.leaderId);
    for (const r of frame.responses) {
      if (r.requestId === HELLO_REQUEST_ID) continue;
      const req = this.inflight.get(r.requestId);
      if (!req) {
        this.stats.lateAnswers++;
        continue;
      }
      this.inflight.delete(r.requestId);
      this.apply(req, conn, decide(r.outcome, req, this.policy));
    }
  }

  /**
   * Trust a node about the leader when it says it leads, when it is the one we took for the leader, or
   * when we know none; a follower's older view must not pull us off a leader that is answering.
   */
  private learnLeader(nodeId: string, leaderId: string): void {
    if (leaderId !== '' && leaderId === nodeId) this.leaderId = leaderId;
    else if (nodeId !== '' && nodeId === this.leaderId) this.leaderId = leaderId;
    else if (this.leaderId === '') this.leaderId = leaderId;
  }

  private apply(req: PendingRequest, conn: NodeConnection, d: Decision): void {
    if (d.action === 'resolve') return this.finish(req, undefined, d.result);
    if (d.action === 'reject') return this.finish(req, d.error, undefined);
    this.stats.retries++;
    if (d.leaderHint === '') {
      if (this.leaderId === conn.nodeId) this.leaderId = '';
      req.lastProblem = `${conn.address} knows no leader`;
    } else if (d.leaderHint !== undefined) {
      this.leaderId = d.leaderHint;
      this.stats.redirects++;
      req.lastProblem = `redirected to ${d.leaderHint}`;
    }
    if (d.leaderHint !== undefined && d.leaderHint !== '') req.redirectsInARow++;
    else {
      req.failures++;
      req.redirectsInARow = 0;
    }
    req.avoid = d.avoidNode ? conn : undefined;
    this.retryAfter(req, d.delayMs);
  }

  private retryAfter(req: PendingRequest, delayMs: number): void {
    if (delayMs <= 0) return this.dispatch(req);
    req.state = 'delayed';
    this.arm(req, Math.min(Date.now() + delayMs, req.deadlineMs));
  }

  private lost(req: PendingRequest, cause: LostCause): void {
    const conn = req.conn!;
    this.apply(req, conn, decideLost(cause, req, this.policy));
  }

  private onUp(conn: NodeConnection): void {
    // A hello: the reply names the node and its leader before any real request needs them.
    conn.send({ clientId: this.clientId, sequence: 0, requestId: HELLO_REQUEST_ID, kind: 'registerSession', payload: new Uint8Array(0), staleReadOk: false, ackedBelow: 0 });
    const parked = [...this.parked];
    this.parked.clear();
    for (const req of parked) this.dispatch(req);
  }

  private onDown(conn: NodeConnection): void {
    this.stats.disconnects++;
    if (conn.nodeId !== '' && this.leaderId === conn.nodeId) this.leaderId = '';
    const orphans = [...this.inflight.values()].filter((req) => req.conn === conn);
    for (const req of orphans) {
      this.inflight.delete(req.attemptId);
      req.lastProblem = `${conn.address} disconnected`;
      this.lost(req, 'disconnected');
    }
  }

  private onSendFailed(conn: NodeConnection, requestIds: readonly number[]): void {
    for (const id of requestIds) {
      const req = this.inflight.get(id);
      if (!req || req.conn !== conn) continue;
      this.inflight.delete(id);
      req.lastProblem = `could not send to ${conn.address}`;
      this.lost(req, 'sendFailed');
    }
  }

  /** Fails every pending request with ClientClosedError and closes every socket (linger 0). Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.waiting.drain();
      for (const req of [...this.pending]) this.finish(req, new ClientClosedError(), undefined);
      this.timers.clear();
      await Promise.all(this.conns.map((c) => c.close()));
    })();
    return this.closing;
  }
}
