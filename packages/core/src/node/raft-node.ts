import { EventEmitter } from 'node:events';
import type { StateMachineDefinition } from '@raftbus/state-machine';
import { NotLeaderError, RaftError, StoppedError, TimeoutError } from '../errors.js';
import { RaftCore, type RaftStatus } from '../protocol/raft.js';
import { MessageType, NO_NODE, Role, type ConfState, type HardState, type Message, type NodeId, type RandomSource, type Ready, type Snapshot } from '../protocol/types.js';
import type { LogStore } from '../storage/log-store.js';
import type { Transport } from '../transport/transport.js';
import { Applier } from './applier.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { encodeEnvelope, restampEnvelope } from './envelope.js';
import { silentLogger, type Logger } from './logger.js';
import { noopMetrics, type Metrics } from './metrics.js';
import { ProposalBook, ReadBook, type ProposalAnswer } from './requests.js';
import { RoundTripMeter } from './round-trip-meter.js';

export interface RaftNodeOptions<C, R, Q, QR> {
  readonly id: NodeId;
  /** Every voting member of the cluster, this node included. */
  readonly peers: readonly NodeId[];
  readonly logStore: LogStore;
  readonly transport: Transport;
  readonly stateMachine: StateMachineDefinition<C, R, Q, QR>;
  readonly metrics?: Metrics;
  readonly logger?: Logger;
  /** Time source; the simulator passes a virtual clock. */
  readonly clock?: Clock;
  /** Randomness for election timeouts; defaults to Math.random (the simulator passes a seeded one). */
  readonly random?: RandomSource;
  /** Milliseconds per protocol tick. Default 100. */
  readonly tickMs?: number;
  /** Election timeout in ticks (randomized up to twice this). Default 10. */
  readonly electionTicks?: number;
  /** Heartbeat interval in ticks. Default 1. */
  readonly heartbeatTicks?: number;
  readonly preVote?: boolean;
  readonly checkQuorum?: boolean;
  readonly maxMessageBytes?: number;
  readonly maxMessageEntries?: number;
  readonly maxInflightMessages?: number;
  readonly maxUncommittedBytes?: number;
  /** Proposals waiting on this node (queued or in flight); beyond it propose() rejects. Default 65536. */
  readonly maxPendingProposals?: number;
  /** Linearizable reads waiting on this node. Default 65536. */
  readonly maxPendingReads?: number;
  /** Default time a proposal may take before it fails. Default 5000. */
  readonly proposalTimeoutMs?: number;
  /** Default time a linearizable read may take. Default 5000. */
  readonly readTimeoutMs?: number;
  /**
   * Take a snapshot (and compact the log) every this many applied entries. Default 100000, as etcd (its
   * --snapshot-count): each snapshot also deletes and compacts the dead prefix in the store, which at
   * 10000 cost about a tenth of the CPU per commit under load. Each voter shifts its schedule by its
   * rank among the voters (rank/n of the interval), so replicas do not all serialize at the same index:
   * serializing blocks a node's event loop, and two followers blocked at once stall every commit.
   */
  readonly snapshotEntries?: number;
  /** Client sessions idle this long (in log time) are forgotten. Default 10 minutes. */
  readonly sessionTtlMs?: number;
  /** Bound on remembered client sessions. Default 100000. */
  readonly maxSessions?: number;
  /**
   * Unacknowledged answers remembered per session (a pipelining client's window), over at most twice as
   * many sequence numbers. Beyond either, the oldest are forgotten and their retries refused. Default 4096.
   */
  readonly maxResponsesPerSession?: number;
}

export interface ProposeOptions {
  readonly timeoutMs?: number;
  /**
   * Exactly-once session: the same (clientId, seq) applies once; a retry returns the first result.
   * `ackedBelow` (default 0): the client has the answers of every seq below it, so they may be forgotten.
   */
  readonly session?: { readonly clientId: string; readonly seq: number; readonly ackedBelow?: number } | undefined;
}

/** Where `proposeEncodedTo` sends the outcome: the encoded result, or the error `proposeEncoded` would reject with. */
export interface EncodedAnswer {
  resolve(result: Uint8Array): void;
  reject(error: Error): void;
}

export interface ReadOptions {
  readonly timeoutMs?: number;
  /** 'linearizable' (default, ReadIndex) or 'stale' (this node's state now; may miss recent writes). */
  readonly consistency?: 'linearizable' | 'stale';
}

export interface NodeStatus extends RaftStatus {
  readonly stateMachine: string;
  readonly pendingProposals: number;
  readonly pendingReads: number;
  readonly logTimeMs: number;
}

export interface RaftNodeEvents {
  roleChange: [{ role: Role; term: number }];
  leaderChange: [{ leader: NodeId; term: number }];
  applied: [{ index: number }];
  snapshot: [{ index: number; bytes: number }];
  /** The node hit an unrecoverable error (storage failure, invariant violation) and stopped. */
  fatal: [Error];
}

type NodeState = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

const defaultRandom: RandomSource = { int: (n) => Math.floor(Math.random() * n) };

/**
 * A Raft node: drives the pure protocol core with timers, persists each Ready in one synced LogStore
 * write, sends messages through the Transport, applies committed commands to the state machine in
 * order, and resolves the callers of `propose` and `read`.
 *
 * Batching is structural: everything that arrives during one event-loop turn (or while a write is
 * syncing) becomes one Ready, one write and one append message per follower. A proposal or read that
 * finds none other pending does not wait for the turn to end: it goes on a microtask.
 */
export class RaftNode<C, R, Q, QR> extends EventEmitter<RaftNodeEvents> {
  readonly id: NodeId;
  private readonly opts: RaftNodeOptions<C, R, Q, QR>;
  private readonly clock: Clock;
  private readonly metrics: Metrics;
  private readonly log: Logger;
  private readonly applier: Applier<C, R, Q, QR>;
  private readonly proposals: ProposalBook<R>;
  private readonly reads: ReadBook<Q, QR>;
  private core!: RaftCore;
  private state: NodeState = 'new';
  private tickTimer: TimerHandle | undefined;
  private turnScheduled = false;
  /** A turn is running (a transport that delivers synchronously must not start another inside it). */
  private inTurn = false;
  private draining: Promise<void> | undefined;
  /** The snapshot being written and compacted in the background (one at a time). */
  private snapshotting: Promise<void> | undefined;
  private readonly incarnation: number;
  private lastRole: Role = Role.Follower;
  private lastLeader: NodeId = NO_NODE;
  private readonly snapshotEntries: number;
  private snapshotDueCache: { readonly last: number; readonly confState: ConfState; readonly due: number } | undefined;
  /** Term and vote of the last hard state written: a write is needed when they change. */
  private persistedTerm = 0;
  private persistedVote: NodeId = NO_NODE;
  private latestHardState: HardState = { term: 0, vote: NO_NODE, commit: 0 };
  private readonly roundTrips: RoundTripMeter;

  constructor(options: RaftNodeOptions<C, R, Q, QR>) {
    super();
    if (!options.peers.includes(options.id)) throw new RaftError('CONFIG', `peers must include this node's id ${options.id}`);
    this.opts = options;
    this.id = options.id;
    this.clock = options.clock ?? systemClock;
    this.metrics = options.metrics ?? noopMetrics;
    this.log = options.logger ?? silentLogger;
    this.snapshotEntries = options.snapshotEntries ?? 100_000;
    this.roundTrips = new RoundTripMeter(this.metrics, (options.electionTicks ?? 10) * (options.tickMs ?? 100));
    this.applier = new Applier(options.stateMachine, options.sessionTtlMs ?? 600_000, options.maxSessions ?? 100_000, options.maxResponsesPerSession ?? 4_096);
    const random = options.random ?? defaultRandom;
    // Distinguishes this process's requests from an earlier incarnation's still in the log.
    this.incarnation = random.int(2 ** 31);
    const resultCodec = options.stateMachine.resultCodec;
    this.proposals = new ProposalBook<R>(options.maxPendingProposals ?? 65_536, options.proposalTimeoutMs ?? 5_000, this.metrics, (r) => resultCodec.encode(r));
    this.reads = new ReadBook<Q, QR>(options.maxPendingReads ?? 65_536, options.readTimeoutMs ?? 5_000, this.incarnation);
  }

  // ── Lifecycle ──────────────────────────────────────────────────────────────────────────────────

  async start(): Promise<void> {
    if (this.state !== 'new') throw new RaftError('STATE', `start() on a node that is ${this.state}`);
    this.state = 'starting';
    const o = this.opts;
    const stored = await o.logStore.open();
    if (stored.snapshot) this.applier.restore(stored.snapshot.data);
    this.core = new RaftCore(
      {
        id: o.id,
        random: o.random ?? defaultRandom,
        ...(o.electionTicks !== undefined && { electionTicks: o.electionTicks }),
        ...(o.heartbeatTicks !== undefined && { heartbeatTicks: o.heartbeatTicks }),
        ...(o.preVote !== undefined && { preVote: o.preVote }),
        ...(o.checkQuorum !== undefined && { checkQuorum: o.checkQuorum }),
        ...(o.maxMessageBytes !== undefined && { maxMessageBytes: o.maxMessageBytes }),
        ...(o.maxMessageEntries !== undefined && { maxMessageEntries: o.maxMessageEntries }),
        ...(o.maxInflightMessages !== undefined && { maxInflightMessages: o.maxInflightMessages }),
        ...(o.maxUncommittedBytes !== undefined && { maxUncommittedBytes: o.maxUncommittedBytes }),
        ...(o.maxPendingReads !== undefined && { maxPendingReads: o.maxPendingReads }),
      },
      {
        hardState: stored.hardState,
        snapshot: stored.snapshot,
        entries: stored.entries,
        confState: { voters: [...o.peers], learners: [], votersOutgoing: [] },
        applied: stored.snapshot?.meta.index ?? 0,
      },
    );
    this.persistedTerm = stored.hardState.term;
    this.persistedVote = stored.hardState.vote;
    this.latestHardState = stored.hardState;
    await o.transport.start(this.id, (m) => this.onMessage(m));
    this.state = 'running';
    this.tickTimer = this.clock.setInterval(() => this.onTick(), o.tickMs ?? 100);
    this.log.info({ node: this.id, term: this.core.term, commit: this.core.commitIndex, lastIndex: this.core.lastIndex }, 'node started');
    this.kick();
  }

  /** Stop: pending callers get StoppedError (never sent) or OutcomeUnknownError (may have committed). */
  async stop(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    const wasRunning = this.state === 'running';
    this.state = 'stopping';
    if (this.tickTimer !== undefined) this.clock.clearInterval(this.tickTimer);
    this.proposals.failAll('the node stopped');
    this.reads.failAll(new StoppedError());
    if (this.draining) await this.draining.catch(() => {});
    if (this.snapshotting) await this.snapshotting;
    if (wasRunning) await this.opts.transport.stop();
    await this.opts.logStore.close();
    this.state = 'stopped';
    this.log.info({ node: this.id }, 'node stopped');
  }

  // ── Public API ─────────────────────────────────────────────────────────────────────────────────

  /** Replicate `command` and return the state machine's result once it is applied on this node. */
  propose(command: C, options: ProposeOptions = {}): Promise<R> {
    if (this.state !== 'running') return Promise.reject(new StoppedError(`the node is ${this.state}`));
    return this.proposeBytes(this.opts.stateMachine.commandCodec.encode(command), options, false) as Promise<R>;
  }

  /**
   * `propose` for network endpoints: the command arrives encoded (with the state machine's command
   * codec) and the result leaves encoded (result codec), so no value is decoded only to be re-encoded.
   * With a session, the bytes are the very ones the session remembers as this command's answer (part of
   * the replicated state): read them, copy them, never modify them.
   */
  proposeEncoded(command: Uint8Array, options: ProposeOptions = {}): Promise<Uint8Array> {
    if (this.state !== 'running') return Promise.reject(new StoppedError(`the node is ${this.state}`));
    return this.proposeBytes(command, options, true) as Promise<Uint8Array>;
  }

  /**
   * `proposeEncoded` answering `answer` instead of returning a promise: for an endpoint serving many
   * requests, no promise, resolving functions or reaction per request. `answer` gets exactly one call:
   * `reject` at once if the node is not running or has too many proposals pending, otherwise `resolve`
   * or `reject` from the apply loop or a timer, so it must not throw.
   */
  proposeEncodedTo(command: Uint8Array, options: ProposeOptions, answer: EncodedAnswer): void {
    if (this.state !== 'running') return answer.reject(new StoppedError(`the node is ${this.state}`));
    this.enqueueProposal(command, options, true, answer as ProposalAnswer<R>);
  }

  /** `read` for network endpoints: query and result encoded with the state machine's query codecs. */
  async readEncoded(query: Uint8Array, options: ReadOptions = {}): Promise<Uint8Array> {
    const def = this.opts.stateMachine;
    return def.queryResultCodec.encode(await this.read(def.queryCodec.decode(query), options));
  }

  private proposeBytes(bytes: Uint8Array, options: ProposeOptions, wantsEncoded: boolean): Promise<R | Uint8Array> {
    return new Promise((resolve, reject) => this.enqueueProposal(bytes, options, wantsEncoded, { resolve, reject }));
  }

  /** The one way in for proposals: with `wantsEncoded` the answer gets the encoded result, else R. */
  private enqueueProposal(bytes: Uint8Array, options: ProposeOptions, wantsEncoded: boolean, answer: ProposalAnswer<R>): void {
    this.proposals.enqueue(bytes, this.clock.now(), options, wantsEncoded, answer);
    this.metrics.proposalsPending?.(this.proposals.size);
    this.kickFor(this.proposals.size);
  }

  /** Query the state machine: linearizable by default (ReadIndex), or this node's state with `stale`. */
  read(query: Q, options: ReadOptions = {}): Promise<QR> {
    if (this.state !== 'running') return Promise.reject(new StoppedError(`the node is ${this.state}`));
    if (options.consistency === 'stale') {
      try {
        return Promise.resolve(this.applier.query(query));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const p = this.reads.add(query, this.clock.now(), options.timeoutMs);
    this.kickFor(this.reads.size);
    return p;
  }

  /** Hand leadership to `to`; resolves once this node sees `to` lead, or rejects with TimeoutError. */
  transferLeadership(to: NodeId, timeoutMs = 5_000): Promise<void> {
    if (this.state !== 'running') return Promise.reject(new StoppedError(`the node is ${this.state}`));
    if (this.core.leader === to) return Promise.resolve();
    try {
      this.core.transferLeadership(to);
    } catch (e) {
      return Promise.reject(e);
    }
    this.kick();
    return new Promise((resolve, reject) => {
      const started = this.clock.now();
      const onLeader = ({ leader }: { leader: NodeId }) => {
        if (leader === to) done(undefined);
      };
      const onTick = () => {
        if (this.clock.now() - started > timeoutMs) done(new TimeoutError(`leadership transfer to ${to}`, timeoutMs));
        else if (this.state !== 'running') done(new StoppedError());
      };
      const timer = this.clock.setInterval(onTick, this.opts.tickMs ?? 100);
      const done = (err: Error | undefined) => {
        this.clock.clearInterval(timer);
        this.off('leaderChange', onLeader);
        if (err) reject(err);
        else resolve();
      };
      this.on('leaderChange', onLeader);
    });
  }

  status(): NodeStatus {
    if (!this.core) throw new StoppedError('the node has not started');
    return {
      ...this.core.status(),
      stateMachine: this.opts.stateMachine.name,
      pendingProposals: this.proposals.size,
      pendingReads: this.reads.size,
      logTimeMs: this.applier.logTimeMs,
    };
  }

  /** Entries in [from, toExclusive) still in memory (for log viewers). */
  entries(from: number, toExclusive: number) {
    return this.core.entries(from, toExclusive);
  }

  get isLeader(): boolean {
    return this.core?.role === Role.Leader;
  }

  get leader(): NodeId {
    return this.core?.leader ?? NO_NODE;
  }

  // ── Event loop ─────────────────────────────────────────────────────────────────────────────────

  private onMessage(m: Message): void {
    if (this.state !== 'running') return;
    if (m.type === MessageType.Propose && this.core.role === Role.Leader) {
      // Log time is the leader's: restamp commands proposed on followers.
      const now = this.clock.now();
      m = { ...m, entries: m.entries.map((e) => ({ ...e, data: restampEnvelope(e.data, now) })) };
    } else if (m.type === MessageType.HeartbeatResponse && this.roundTrips.enabled) {
      this.roundTrips.answered(m.from);
    }
    this.guard(() => this.core.step(m));
    this.turnNow();
  }

  private onTick(): void {
    if (this.state !== 'running') return;
    this.guard(() => this.core.tick());
    if (this.metrics.followerLag && this.core.role === Role.Leader) this.reportFollowerLag();
    const now = this.clock.now();
    this.proposals.expire(now);
    this.reads.expire(now);
    this.kick();
  }

  /**
   * A peer's message is acted on at once when no turn is pending: a follower's append starts its write,
   * and a leader's acknowledgement its apply, without waiting for the event loop to come round (one of
   * the steps of every sequential commit). Proposals and reads batch by event-loop turn (`kick`) unless
   * nothing else of their kind is pending (`kickSoon`).
   */
  private turnNow(): void {
    if (this.turnScheduled || this.inTurn || this.state !== 'running') return this.kick();
    this.inTurn = true;
    try {
      this.guard(() => this.turn());
    } finally {
      this.inTurn = false;
    }
  }

  /**
   * After a proposal or read was added, `pendingOfKind` being how many of its kind now wait. Alone, it has
   * no batch to wait for: its turn runs once the caller yields (with whatever the same synchronous run
   * added). Otherwise requests batch by event-loop turn into one append, one write, one ReadIndex round.
   */
  private kickFor(pendingOfKind: number): void {
    if (pendingOfKind === 1) this.kickSoon();
    else this.kick();
  }

  /** Schedule one turn of work for when the running code yields (a microtask). */
  private kickSoon(): void {
    if (this.turnScheduled || this.state !== 'running') return;
    this.turnScheduled = true;
    queueMicrotask(() => {
      this.turnScheduled = false;
      this.turnNow();
    });
  }

  /** Schedule one turn of work after the current event-loop turn, so that its requests batch. */
  private kick(): void {
    if (this.turnScheduled || this.state !== 'running') return;
    this.turnScheduled = true;
    this.clock.defer(() => {
      this.turnScheduled = false;
      if (this.state === 'running') this.guard(() => this.turn());
    });
  }

  private turn(): void {
    this.submitProposals();
    this.submitReads();
    // While a write syncs, a leader already replicates what arrived since (its term is durable).
    const early = this.core.takeMessagesBeforePersist();
    if (early.length > 0) this.send(early);
    if (!this.draining && this.core.hasReady()) {
      this.draining = this.drainReadies().finally(() => {
        this.draining = undefined;
        // Work that arrived during the last write.
        if (this.state === 'running' && this.core.hasReady()) this.kick();
      });
    }
  }

  private async drainReadies(): Promise<void> {
    try {
      while (this.state === 'running' && this.core.hasReady()) {
        await this.handleReady(this.core.ready());
        this.submitProposals();
        this.submitReads();
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private async handleReady(rd: Ready): Promise<void> {
    if (rd.messagesBeforePersist.length > 0) this.send(rd.messagesBeforePersist);
    // A hard state that changed only its commit index need not be synced on its own: the commit index is
    // an optimisation for restarts, not a safety requirement (term and vote are), so it rides along with
    // the next write that must be synced. This keeps a second fdatasync off the commit → apply path.
    if (rd.hardState) this.latestHardState = rd.hardState;
    const hardState = this.latestHardState;
    const termOrVoteChanged = hardState.term !== this.persistedTerm || hardState.vote !== this.persistedVote;
    const write = rd.snapshot || rd.entries.length > 0 || termOrVoteChanged ? this.persist(rd, hardState) : undefined;
    // Committed entries are durable on a quorum already, so they apply while this node's own write is in
    // flight (as etcd's server does): the callers of a batch committed during the previous write get their
    // answers a whole fsync sooner. The applied state is volatile; a snapshot is taken only after the write.
    if (rd.committedEntries.length > 0) {
      // One microtask first: a store may hand its write to the disk on a microtask (RocksDbLogStore's group
      // commit does), and that fsync, not this apply, is what a follower's acknowledgement waits for.
      if (write) await Promise.resolve();
      try {
        this.applyEntries(rd);
      } catch (e) {
        write?.catch(() => {}); // the node fails with the apply error; the write's outcome no longer matters
        throw e;
      }
    }
    if (write) await write;
    if (this.state !== 'running') return;
    if (rd.messages.length > 0) this.send(rd.messages);
    if (rd.softState) this.onSoftState(rd.softState.role, rd.softState.leader);
    if (rd.snapshot) this.installSnapshot(rd.snapshot);
    for (const rs of rd.readStates) this.reads.indexKnown(rs.context, rs.index);
    this.core.advance(rd);
    this.metrics.indexes?.(this.core.commitIndex, this.core.appliedIndex, this.core.term);
    this.reads.serve(this.core.appliedIndex, (q) => this.applier.query(q));
    this.maybeSnapshot();
  }

  /** One synced write of the Ready's snapshot, entries and hard state. */
  private async persist(rd: Ready, hardState: HardState): Promise<void> {
    const started = performance.now();
    // The latest handed-out hard state (never the core's current one: its commit may point past what
    // this write stores).
    await this.opts.logStore.write({ snapshot: rd.snapshot, entries: rd.entries, hardState });
    this.persistedTerm = hardState.term;
    this.persistedVote = hardState.vote;
    let bytes = 0;
    for (const e of rd.entries) bytes += e.data.length;
    this.metrics.logWrite?.((performance.now() - started) / 1000, rd.entries.length, bytes);
  }

  private applyEntries(rd: Ready): void {
    const started = performance.now();
    const now = this.clock.now();
    for (const e of rd.committedEntries) {
      const outcome = this.applier.apply(e);
      this.proposals.applied(e.index, e.term, outcome, this.id, this.incarnation, now);
    }
    const last = rd.committedEntries[rd.committedEntries.length - 1]!;
    this.metrics.applied?.(rd.committedEntries.length, (performance.now() - started) / 1000);
    this.metrics.proposalsPending?.(this.proposals.size);
    this.emit('applied', { index: last.index });
  }

  private installSnapshot(snapshot: Snapshot): void {
    this.applier.restore(snapshot.data);
    this.proposals.coveredBySnapshot(snapshot.meta.index);
    this.metrics.snapshotInstalled?.(snapshot.meta.index, snapshot.data.byteLength);
    this.log.info({ node: this.id, term: this.core.term, index: snapshot.meta.index }, 'installed snapshot from leader');
  }

  /**
   * Takes a snapshot once `snapshotEntries` entries were applied since the last one. The state is
   * serialized here, synchronously, so it matches the applied index; writing it (synced) and compacting
   * the log then run in the background while the Ready loop goes on. Awaited, they stalled every commit
   * for the whole write of the snapshot: 0.2–0.4 s per 100,000 entries of the benchmark's kv-store
   * (13.7 MB snapshots), the worst of its 256-in-flight latencies.
   */
  private maybeSnapshot(): void {
    if (this.snapshotting) return;
    const applied = this.core.appliedIndex;
    if (applied < this.snapshotDue(this.core.snapshotMeta?.index ?? 0)) return;
    const term = this.core.entries(applied, applied + 1)[0]?.term;
    if (term === undefined) return;
    const started = performance.now();
    const data = this.applier.snapshot();
    const snapshot: Snapshot = { meta: { index: applied, term, confState: this.core.confState }, data };
    this.snapshotting = this.persistSnapshot(snapshot, performance.now() - started)
      .catch((e) => this.fail(e))
      .finally(() => {
        this.snapshotting = undefined;
      });
  }

  /**
   * The applied index at which the next snapshot is due: the first index of this node's schedule
   * (interval × k + this node's shift) at least half an interval past the last snapshot, so a snapshot
   * installed from the leader does not bring the next one close behind.
   */
  private snapshotDue(last: number): number {
    // Asked after every Ready; the answer changes only with the last snapshot or the membership.
    const confState = this.core.confState;
    const cached = this.snapshotDueCache;
    if (cached && cached.last === last && cached.confState === confState) return cached.due;
    const interval = this.snapshotEntries;
    const voters = [...confState.voters].sort();
    const rank = Math.max(0, voters.indexOf(this.id));
    const shift = Math.floor((rank * interval) / Math.max(1, voters.length));
    const earliest = last + Math.ceil(interval / 2);
    const due = Math.max(1, Math.ceil((earliest - shift) / interval)) * interval + shift;
    this.snapshotDueCache = { last, confState, due };
    return due;
  }

  private async persistSnapshot(snapshot: Snapshot, serializeMs: number): Promise<void> {
    const started = performance.now();
    const { index } = snapshot.meta;
    // The snapshot matches our log, so the store keeps the entries until compact() drops the prefix.
    // Entries written meanwhile are unaffected: the snapshot covers only applied (committed) entries.
    await this.opts.logStore.write({ snapshot, entries: [] });
    await this.opts.logStore.compact(index);
    if (this.state !== 'running') return;
    // A newer snapshot installed from the leader meanwhile wins; compact() ignores an older one.
    this.core.compact(snapshot);
    this.metrics.snapshotTaken?.(index, snapshot.data.byteLength);
    this.emit('snapshot', { index, bytes: snapshot.data.byteLength });
    const persistMs = performance.now() - started;
    this.log.info(
      { node: this.id, term: this.core.term, index, bytes: snapshot.data.byteLength, serializeMs: Math.round(serializeMs), persistMs: Math.round(persistMs) },
      'took snapshot',
    );
  }

  private submitProposals(): void {
    const c = this.core;
    if (!this.proposals.hasQueued()) return;
    if (c.role === Role.Leader) {
      const now = this.clock.now();
      const batch = this.proposals.takeQueued(c.cfg.maxMessageEntries);
      const acked = this.proposals.lowestPendingRequestId();
      const datas = batch.map((p) => encodeEnvelope(p.envelope(this.id, this.incarnation, acked, now)));
      try {
        const { firstIndex, term } = c.propose(datas);
        batch.forEach((p, k) => this.proposals.submitted(p, firstIndex + k, term));
      } catch (e) {
        this.proposals.rejectBatch(batch, e as Error);
      }
    } else if (c.leader !== NO_NODE) {
      const now = this.clock.now();
      const batch = this.proposals.takeQueued(c.cfg.maxMessageEntries);
      const acked = this.proposals.lowestPendingRequestId();
      c.forwardProposal(batch.map((p) => encodeEnvelope(p.envelope(this.id, this.incarnation, acked, now))));
      for (const p of batch) this.proposals.forwarded(p);
    }
    // No leader known: proposals wait (until their deadline) for one to be elected.
  }

  private submitReads(): void {
    const c = this.core;
    if (!this.reads.hasQueued()) return;
    if (c.role !== Role.Leader && c.leader === NO_NODE) return; // wait for a leader
    const { context } = this.reads.takeQueuedBatch();
    try {
      c.readIndex(context);
    } catch (e) {
      if (e instanceof NotLeaderError) this.reads.requeue(context);
      else this.reads.failBatch(context, e as Error);
    }
  }

  private send(messages: readonly Message[]): void {
    if (this.roundTrips.enabled) this.roundTrips.sending(messages);
    this.opts.transport.send(messages);
  }

  /** Per tick, not per entry: the leader's view of how far each follower is behind. */
  private reportFollowerLag(): void {
    const last = this.core.lastIndex;
    for (const [id, pr] of this.core.tracker.progress) if (id !== this.id) this.metrics.followerLag!(id, Math.max(0, last - pr.match));
  }

  private onSoftState(role: Role, leader: NodeId): void {
    if (role !== this.lastRole) {
      this.lastRole = role;
      this.roundTrips.reset();
      this.emit('roleChange', { role, term: this.core.term });
    }
    if (leader !== this.lastLeader) {
      this.lastLeader = leader;
      this.metrics.roleChanged?.(role, leader, this.core.term);
      this.log.info({ node: this.id, term: this.core.term, leader }, 'leader changed');
      // Reads sent to the old leader will not be answered: ask the new one.
      this.reads.requeueUnanswered();
      this.emit('leaderChange', { leader, term: this.core.term });
    } else {
      this.metrics.roleChanged?.(role, leader, this.core.term);
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    if (this.state === 'stopping' || this.state === 'stopped') return;
    const err = e instanceof Error ? e : new Error(String(e));
    this.log.error({ node: this.id, term: this.core?.term, err: err.message }, 'node failed; stopping');
    this.emit('fatal', err);
    void this.stop();
  }
}

