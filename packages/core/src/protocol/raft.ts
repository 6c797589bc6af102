import { NotLeaderError, ProposalDroppedError, RaftError, assert } from '../errors.js';
import { campaign, handleVoteRequest, handleVoteResponse } from './election.js';
import { RaftLog } from './log.js';
import { isWellFormed } from './message-check.js';
import { ProgressState, ProgressTracker } from './progress.js';
import { ReadOnly } from './read-index.js';
import {
  bcastAppend,
  bcastCommit,
  bcastHeartbeat,
  handleAppend,
  handleAppendResponse,
  handleHeartbeat,
  handleHeartbeatResponse,
  handleSnapshot,
  sendAppend,
} from './replication.js';
import {
  DEFAULT_RAFT_CONFIG,
  EntryType,
  MessageType,
  NO_NODE,
  Role,
  type ConfState,
  type Entry,
  type HardState,
  type InitialState,
  type Message,
  type NodeId,
  type RaftConfig,
  type RaftOptions,
  type ReadState,
  type Ready,
  type Snapshot,
  type SoftState,
} from './types.js';

/** Leader messages that may leave before the leader's own write is durable (their term and vote are). */
const EARLY_TYPES: ReadonlySet<MessageType> = new Set([
  MessageType.Append,
  MessageType.Heartbeat,
  MessageType.Snapshot,
  MessageType.TimeoutNow,
  MessageType.ReadIndexResponse,
]);

export interface ProposeResult {
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly term: number;
}

export interface FollowerStatus {
  readonly match: number;
  readonly next: number;
  readonly state: ProgressState;
  readonly recentActive: boolean;
}

export interface RaftStatus {
  readonly id: NodeId;
  readonly role: Role;
  readonly term: number;
  readonly vote: NodeId;
  readonly leader: NodeId;
  readonly commit: number;
  readonly applied: number;
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly snapshotIndex: number;
  readonly leadTransferee: NodeId;
  readonly malformedMessages: number;
  readonly droppedProposals: number;
  /** Leader only: every other member's replication progress. */
  readonly progress: Readonly<Record<NodeId, FollowerStatus>>;
}

type MessageFields = Partial<Message> & Pick<Message, 'type' | 'to'>;

/**
 * The Raft protocol as a deterministic state machine (etcd-io/raft's RawNode): no I/O, no timers, no
 * wall clock, no ambient randomness. Drive it with tick/step/propose/readIndex, then drain `ready()`
 * and acknowledge it with `advance()` — see the `Ready` type for the persistence contract.
 *
 * Fields not marked private are shared with the role handlers in election.ts, replication.ts and
 * read-index.ts; they are not part of the public API.
 */
export class RaftCore {
  readonly id: NodeId;
  readonly cfg: RaftConfig;
  readonly log: RaftLog;
  tracker: ProgressTracker;
  confState: ConfState;
  currentTerm: number;
  votedFor: NodeId;
  currentLeader: NodeId = NO_NODE;
  currentRole: Role = Role.Follower;
  /** Ticks since the last election timeout reset (follower: since we heard from the leader). */
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  /** Leader: the node leadership is being handed to, or NO_NODE. */
  leadTransferee: NodeId = NO_NODE;
  /** Leader: payload bytes appended but not yet committed (bounded by maxUncommittedBytes). */
  uncommittedBytes = 0;
  readOnly: ReadOnly;
  /** Leader: reads that arrived before the first commit of this term (the commit index is not yet ours). */
  pendingReadIndex: Array<{ from: NodeId; context: Uint8Array }> = [];
  /** The latest snapshot (installed or taken), kept to send to followers whose entries we compacted. */
  snapshot: Snapshot | undefined;
  malformedMessages = 0;
  /** Proposals forwarded to us that we could not append (not leader, or a bound was reached). */
  droppedProposals = 0;
  /**
   * Leader: followers that forwarded proposals, with the last index those proposals were appended at.
   * They wait to apply their own callers' commands, so they hear of a commit at once (see bcastCommit).
   */
  readonly commitWaiters = new Map<NodeId, number>();

  private outboxEarly: Message[] = [];
  private outboxAfterPersist: Message[] = [];
  private readStates: ReadState[] = [];
  /** Term and vote of the last advanced Ready: what is known durable. */
  private durable: HardState;
  /** Hard and soft state handed out in the last Ready (to detect changes). */
  private lastReadyHard: HardState;
  private lastReadySoft: SoftState;
  private readyInFlight: Ready | undefined;

  constructor(options: RaftOptions, initial: InitialState) {
    this.cfg = { ...DEFAULT_RAFT_CONFIG, ...options };
    const c = this.cfg;
    assert(c.id !== NO_NODE, 'config-id', () => 'id must not be empty');
    assert(c.heartbeatTicks >= 1 && c.electionTicks > c.heartbeatTicks, 'config-ticks', () => `heartbeatTicks ${c.heartbeatTicks}, electionTicks ${c.electionTicks}`);
    assert(c.maxInflightMessages >= 1 && c.maxMessageEntries >= 1, 'config-bounds', () => 'window and entries per message must be ≥ 1');
    this.id = c.id;
    const snap = initial.snapshot;
    this.snapshot = snap;
    this.log = new RaftLog(snap?.meta, initial.entries, initial.hardState.commit, initial.applied ?? snap?.meta.index ?? 0);
    this.confState = snap?.meta.confState ?? initial.confState;
    this.tracker = new ProgressTracker(this.confState, c.maxInflightMessages);
    this.currentTerm = initial.hardState.term;
    this.votedFor = initial.hardState.vote;
    assert(this.log.lastTerm() <= this.currentTerm, 'log-term-le-current-term', () => `last log term ${this.log.lastTerm()} > term ${this.currentTerm}`);
    this.readOnly = new ReadOnly(c.maxPendingReads);
    this.durable = { term: this.currentTerm, vote: this.votedFor, commit: this.log.committed };
    this.lastReadyHard = this.durable;
    this.lastReadySoft = { role: this.currentRole, leader: this.currentLeader };
    this.resetTimers();
  }

  // ── Observers ──────────────────────────────────────────────────────────────────────────────────

  get term(): number {
    return this.currentTerm;
  }
  get role(): Role {
    return this.currentRole;
  }
  get leader(): NodeId {
    return this.currentLeader;
  }
  get commitIndex(): number {
    return this.log.committed;
  }
  get appliedIndex(): number {
    return this.log.applied;
  }
  get lastIndex(): number {
    return this.log.lastIndex();
  }
  get firstIndex(): number {
    return this.log.firstIndex();
  }
  get snapshotMeta() {
    return this.snapshot?.meta;
  }

  /** Entries in [from, toExclusive) still held in memory (for inspection; not a hot path). */
  entries(from: number, toExclusive: number): Entry[] {
    return this.log.slice(Math.max(from, this.log.firstIndex()), toExclusive) ?? [];
  }

  status(): RaftStatus {
    const progress: Record<NodeId, FollowerStatus> = {};
    if (this.currentRole === Role.Leader) {
      for (const [id, pr] of this.tracker.progress) {
        if (id !== this.id) progress[id] = { match: pr.match, next: pr.next, state: pr.state, recentActive: pr.recentActive };
      }
    }
    return {
      id: this.id,
      role: this.currentRole,
      term: this.currentTerm,
      vote: this.votedFor,
      leader: this.currentLeader,
      commit: this.log.committed,
      applied: this.log.applied,
      firstIndex: this.log.firstIndex(),
      lastIndex: this.log.lastIndex(),
      snapshotIndex: this.log.snapshotIndex,
      leadTransferee: this.leadTransferee,
      malformedMessages: this.malformedMessages,
      droppedProposals: this.droppedProposals,
      progress,
    };
  }

  // ── Inputs ─────────────────────────────────────────────────────────────────────────────────────

  tick(): void {
    this.electionElapsed++;
    if (this.currentRole === Role.Leader) {
      this.tickLeader();
    } else if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      campaign(this, 'timeout');
    }
  }

  private tickLeader(): void {
    this.heartbeatElapsed++;
    if (this.electionElapsed >= this.cfg.electionTicks) {
      this.electionElapsed = 0;
      if (this.cfg.checkQuorum) {
        if (!this.tracker.quorumActive(this.id)) {
          this.becomeFollower(this.currentTerm, NO_NODE);
          return;
        }
        for (const [id, pr] of this.tracker.progress) pr.recentActive = id === this.id;
      }
      // A transfer that did not finish within an election timeout is abandoned.
      this.leadTransferee = NO_NODE;
    }
    if (this.heartbeatElapsed >= this.cfg.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      bcastHeartbeat(this);
    }
  }

  /** Start an election now (tests and operators; normal elections start from tick()). */
  campaign(): void {
    if (this.currentRole !== Role.Leader) campaign(this, 'timeout');
  }

  step(m: Message): void {
    if (!isWellFormed(m, this.id)) {
      this.malformedMessages++;
      return;
    }
    if (m.term > this.currentTerm) {
      if (m.type === MessageType.Vote || m.type === MessageType.PreVote) {
        // Leader lease (check-quorum): while we hear from a live leader, a disruptive candidate
        // (a rejoining partitioned node) is ignored, unless the leader itself asked for the election.
        const inLease = this.cfg.checkQuorum && this.currentLeader !== NO_NODE && this.electionElapsed < this.cfg.electionTicks;
        if (inLease && !m.transfer) return;
      }
      if (m.type === MessageType.PreVote) {
        // A pre-vote never changes anyone's term.
      } else if (m.type === MessageType.PreVoteResponse && !m.reject) {
        // Granted pre-votes carry the term we would campaign in: not news.
      } else {
        const fromLeader = m.type === MessageType.Append || m.type === MessageType.Heartbeat || m.type === MessageType.Snapshot;
        this.becomeFollower(m.term, fromLeader ? m.from : NO_NODE);
      }
    } else if (m.term < this.currentTerm) {
      if ((this.cfg.checkQuorum || this.cfg.preVote) && (m.type === MessageType.Append || m.type === MessageType.Heartbeat)) {
        // A stale leader (it missed an election while partitioned) learns the new term from us and
        // steps down; without this it would keep its followers' lease alive forever.
        this.send({ type: MessageType.AppendResponse, to: m.from });
      } else if (m.type === MessageType.PreVote) {
        this.send({ type: MessageType.PreVoteResponse, to: m.from, reject: true });
      }
      return;
    }

    if (m.type === MessageType.Vote || m.type === MessageType.PreVote) {
      handleVoteRequest(this, m);
      return;
    }
    switch (this.currentRole) {
      case Role.Leader:
        this.stepLeader(m);
        return;
      case Role.Candidate:
      case Role.PreCandidate:
        this.stepCandidate(m);
        return;
      case Role.Follower:
        this.stepFollower(m);
        return;
    }
  }

  private stepLeader(m: Message): void {
    switch (m.type) {
      case MessageType.AppendResponse:
        handleAppendResponse(this, m);
        return;
      case MessageType.HeartbeatResponse:
        handleHeartbeatResponse(this, m);
        return;
      case MessageType.ReadIndex:
        this.leaderReadIndex(m.from, m.context ?? new Uint8Array(0));
        return;
      case MessageType.TransferLeader:
        this.startTransfer(m.transferee ?? NO_NODE);
        return;
      case MessageType.Propose:
        try {
          const { lastIndex } = this.appendProposals(m.entries);
          // Only members are tracked (bcastCommit visits members), so the map is bounded by the membership.
          if (this.tracker.progress.has(m.from)) this.commitWaiters.set(m.from, Math.max(this.commitWaiters.get(m.from) ?? 0, lastIndex));
        } catch (e) {
          // Refused (bound reached, transfer under way): the follower's caller times out and may retry.
          if (!(e instanceof RaftError)) throw e;
          this.droppedProposals++;
        }
        return;
      case MessageType.Append:
      case MessageType.Heartbeat:
      case MessageType.Snapshot:
        assert(false, 'election-safety', () => `leader ${this.id} of term ${this.currentTerm} got ${m.type} from ${m.from} of the same term`);
        return;
      default:
        return; // late vote responses, stray read responses: nothing to do
    }
  }

  private stepCandidate(m: Message): void {
    switch (m.type) {
      case MessageType.Append:
      case MessageType.Heartbeat:
      case MessageType.Snapshot:
        // Someone won this term: follow it.
        this.becomeFollower(m.term, m.from);
        this.stepFollower(m);
        return;
      case MessageType.VoteResponse:
      case MessageType.PreVoteResponse:
        handleVoteResponse(this, m);
        return;
      default:
        return; // reads and transfers need a leader; the asker retries
    }
  }

  private stepFollower(m: Message): void {
    switch (m.type) {
      case MessageType.Append:
        this.heardFromLeader(m.from);
        handleAppend(this, m);
        return;
      case MessageType.Heartbeat:
        this.heardFromLeader(m.from);
        handleHeartbeat(this, m);
        return;
      case MessageType.Snapshot:
        this.heardFromLeader(m.from);
        handleSnapshot(this, m);
        return;
      case MessageType.TimeoutNow:
        // The leader hands over: campaign at once, skipping pre-vote, and voters skip their lease.
        if (this.promotable()) campaign(this, 'transfer');
        return;
      case MessageType.ReadIndexResponse:
        this.readStates.push({ index: m.index, context: m.context ?? new Uint8Array(0) });
        return;
      case MessageType.TransferLeader:
      case MessageType.Propose:
        // Pass it on to the leader we know (if the sender's view was stale); otherwise it is dropped.
        if (this.currentLeader !== NO_NODE) this.send({ ...m, from: this.id, to: this.currentLeader, term: this.currentTerm });
        else if (m.type === MessageType.Propose) this.droppedProposals++;
        return;
      default:
        return;
    }
  }

  private heardFromLeader(leader: NodeId): void {
    this.electionElapsed = 0;
    this.currentLeader = leader;
  }

  /**
   * Append commands to the log (leader only) and start replicating them. One call is one batch: the
   * runtime gathers an event-loop turn's proposals into a single call.
   */
  propose(data: readonly Uint8Array[]): ProposeResult {
    return this.appendProposals(data.map((d) => ({ type: EntryType.Normal, data: d })));
  }

  /**
   * Follower: send commands to the leader, which appends them as if proposed there. No index is known
   * here; the runtime recognises its entries when they are applied (it tags them).
   */
  forwardProposal(data: readonly Uint8Array[]): void {
    if (this.currentRole === Role.Leader) {
      this.propose(data);
      return;
    }
    if (this.currentLeader === NO_NODE) throw new NotLeaderError(NO_NODE);
    const entries = data.map((d) => ({ index: 0, term: 0, type: EntryType.Normal, data: d }));
    this.send({ type: MessageType.Propose, to: this.currentLeader, entries });
  }

  private appendProposals(items: ReadonlyArray<{ type: EntryType; data: Uint8Array }>): ProposeResult {
    if (this.currentRole !== Role.Leader) throw new NotLeaderError(this.currentLeader);
    if (this.leadTransferee !== NO_NODE) throw new ProposalDroppedError(`leadership is being transferred to ${this.leadTransferee}`);
    if (items.length === 0) throw new RaftError('EMPTY_PROPOSAL', 'a proposal needs at least one command');
    let bytes = 0;
    for (const it of items) bytes += it.data.length;
    // Always admit one batch into an empty pipeline, so a single oversized command cannot wedge it.
    if (this.uncommittedBytes > 0 && this.uncommittedBytes + bytes > this.cfg.maxUncommittedBytes) {
      throw new ProposalDroppedError(`${this.uncommittedBytes} uncommitted bytes; limit ${this.cfg.maxUncommittedBytes}`);
    }
    const first = this.log.lastIndex() + 1;
    const entries = items.map((it, k) => ({ index: first + k, term: this.currentTerm, type: it.type, data: it.data }));
    this.log.appendAsLeader(entries);
    this.uncommittedBytes += bytes;
    bcastAppend(this, false);
    return { firstIndex: first, lastIndex: first + entries.length - 1, term: this.currentTerm };
  }

  /**
   * Ask for a linearizable read point. The answer comes later as a ReadState carrying `context`: once
   * the state machine has applied its index, a read served locally is linearizable.
   */
  readIndex(context: Uint8Array): void {
    if (this.currentRole === Role.Leader) {
      this.leaderReadIndex(this.id, context);
    } else if (this.currentLeader !== NO_NODE) {
      this.send({ type: MessageType.ReadIndex, to: this.currentLeader, context });
    } else {
      throw new NotLeaderError(NO_NODE);
    }
  }

  private leaderReadIndex(from: NodeId, context: Uint8Array): void {
    if (this.readOnly.size + this.pendingReadIndex.length >= this.cfg.maxPendingReads) {
      if (from === this.id) throw new ProposalDroppedError(`${this.cfg.maxPendingReads} reads already pending`);
      return; // the follower's reader times out and retries
    }
    const voters = this.tracker.config.voterIds();
    if (voters.length === 1 && voters[0] === this.id) {
      this.deliverRead(from, this.log.committed, context);
    } else if (this.log.term(this.log.committed) !== this.currentTerm) {
      // Until an entry of our term commits, our commit index may lag what earlier leaders committed.
      this.pendingReadIndex.push({ from, context });
    } else {
      this.readOnly.add(this.log.committed, from, context);
      bcastHeartbeat(this);
    }
  }

  deliverRead(from: NodeId, index: number, context: Uint8Array): void {
    if (from === this.id) this.readStates.push({ index, context });
    else this.send({ type: MessageType.ReadIndexResponse, to: from, index, context });
  }

  /** Hand leadership to `to` (catch it up, then TimeoutNow). On a follower, forwarded to the leader. */
  transferLeadership(to: NodeId): void {
    if (this.currentRole === Role.Leader) {
      if (!this.tracker.config.isVoter(to)) throw new RaftError('TRANSFER_TARGET', `${to} is not a voter`);
      this.startTransfer(to);
    } else if (this.currentLeader !== NO_NODE) {
      this.send({ type: MessageType.TransferLeader, to: this.currentLeader, transferee: to });
    } else {
      throw new NotLeaderError(NO_NODE);
    }
  }

  private startTransfer(to: NodeId): void {
    if (to === this.id || !this.tracker.config.isVoter(to)) {
      this.leadTransferee = NO_NODE;
      return;
    }
    if (this.leadTransferee === to) return;
    this.leadTransferee = to;
    this.electionElapsed = 0; // the transfer must finish within one election timeout
    const pr = this.tracker.progress.get(to)!;
    if (pr.match === this.log.lastIndex()) this.send({ type: MessageType.TimeoutNow, to });
    else sendAppend(this, to, true);
  }

  /**
   * The application took a durable snapshot covering everything up to `snapshot.meta.index` (at most
   * the applied index): drop those entries and keep the snapshot to send to lagging followers.
   */
  compact(snapshot: Snapshot): void {
    this.log.compact(snapshot.meta.index, snapshot.meta.term);
    if (!this.snapshot || snapshot.meta.index >= this.snapshot.meta.index) this.snapshot = snapshot;
  }

  /** The transport could not deliver a snapshot to `to` (or did): probe again instead of waiting. */
  reportSnapshot(to: NodeId, delivered: boolean): void {
    const pr = this.tracker.progress.get(to);
    if (this.currentRole !== Role.Leader || !pr || pr.state !== ProgressState.Snapshot) return;
    if (!delivered) pr.pendingSnapshot = 0;
    pr.becomeProbe();
  }

  /**
   * Messages that may leave before the in-flight Ready is durable (a leader's appends and heartbeats).
   * Lets a runtime replicate new proposals while its previous write is still syncing.
   */
  takeMessagesBeforePersist(): Message[] {
    const out = this.outboxEarly;
    this.outboxEarly = [];
    return out;
  }

  // ── Output ─────────────────────────────────────────────────────────────────────────────────────

  hasReady(): boolean {
    if (this.readyInFlight) return false;
    return (
      this.outboxEarly.length > 0 ||
      this.outboxAfterPersist.length > 0 ||
      this.readStates.length > 0 ||
      this.log.unstableSnapshot !== undefined ||
      this.log.stableIndex < this.log.lastIndex() ||
      this.log.committed > this.log.applied ||
      this.hardStateChanged() ||
      this.softStateChanged()
    );
  }

  ready(): Ready {
    assert(this.readyInFlight === undefined, 'one-ready-at-a-time', () => 'ready() called before advance() of the previous Ready');
    const hard = this.hardState();
    const soft = { role: this.currentRole, leader: this.currentLeader };
    const snapshot = this.log.unstableSnapshot;
    const rd: Ready = {
      softState: this.softStateChanged() ? soft : undefined,
      hardState: this.hardStateChanged() ? hard : undefined,
      snapshot,
      entries: this.log.unstableEntries(),
      messagesBeforePersist: this.outboxEarly,
      messages: this.outboxAfterPersist,
      // After a snapshot install, the state machine restores from it before applying anything newer.
      committedEntries: snapshot ? [] : this.log.nextCommitted(this.cfg.maxApplyBytesPerReady),
      readStates: this.readStates,
    };
    this.outboxEarly = [];
    this.outboxAfterPersist = [];
    this.readStates = [];
    this.lastReadyHard = hard;
    this.lastReadySoft = soft;
    this.readyInFlight = rd;
    return rd;
  }

  /** The driver did everything `rd` asked: it is durable, sent and applied. */
  advance(rd: Ready): void {
    assert(this.readyInFlight === rd, 'advance-matches-ready', () => 'advance() called with a Ready that is not the one in flight');
    this.readyInFlight = undefined;
    if (rd.snapshot) {
      if (this.log.unstableSnapshot === rd.snapshot) this.log.unstableSnapshot = undefined;
      if (!this.snapshot || rd.snapshot.meta.index > this.snapshot.meta.index) this.snapshot = rd.snapshot;
      if (this.log.applied < rd.snapshot.meta.index) this.log.applied = rd.snapshot.meta.index;
    }
    const last = rd.entries[rd.entries.length - 1];
    if (last) this.log.stableTo(last.index, last.term);
    const applied = rd.committedEntries[rd.committedEntries.length - 1];
    if (applied) this.log.appliedTo(applied.index);
    if (rd.hardState) this.durable = rd.hardState;
    if (this.currentRole === Role.Leader) {
      // The leader counts its own copy toward a quorum only once it is durable.
      const self = this.tracker.progress.get(this.id);
      if (self && self.maybeUpdate(this.log.stableIndex) && this.maybeCommit()) bcastCommit(this);
    }
  }

  // ── Shared with the role handlers ──────────────────────────────────────────────────────────────

  /** Queue a message; leader traffic whose term and vote are already durable may leave before persistence. */
  send(fields: MessageFields): void {
    const m: Message = {
      from: this.id,
      term: this.currentTerm,
      logTerm: 0,
      index: 0,
      commit: 0,
      entries: [],
      reject: false,
      rejectHint: 0,
      ...fields,
    };
    const early =
      this.currentRole === Role.Leader &&
      EARLY_TYPES.has(m.type) &&
      this.durable.term === this.currentTerm &&
      this.durable.vote === this.votedFor;
    (early ? this.outboxEarly : this.outboxAfterPersist).push(m);
  }

  promotable(): boolean {
    return this.tracker.config.isVoter(this.id);
  }

  /**
   * Planted-bug hook. Figure 8: a leader may count replicas only for an entry of its own term; older
   * entries commit indirectly (Log Matching). Tests override this to prove the simulator notices.
   */
  protected isCommittable(index: number): boolean {
    return this.log.term(index) === this.currentTerm;
  }

  /** Planted-bug hook. §5.4.1: vote only for a candidate whose log is at least as up to date as ours. */
  protected isLogUpToDate(lastTerm: number, lastIndex: number): boolean {
    return this.log.isUpToDate(lastTerm, lastIndex);
  }

  /** @internal Exposed to election.ts (protected hooks are only visible to subclasses). */
  voteAllowedByLog(lastTerm: number, lastIndex: number): boolean {
    return this.isLogUpToDate(lastTerm, lastIndex);
  }

  /** Leader: advance the commit index to what a quorum holds durably. Returns whether it moved. */
  maybeCommit(): boolean {
    const index = this.tracker.committedIndex();
    if (index <= this.log.committed || !this.isCommittable(index)) return false;
    const before = this.log.committed;
    this.log.commitTo(index);
    for (const e of this.log.slice(before + 1, index + 1) ?? []) this.uncommittedBytes -= e.data.length;
    if (this.uncommittedBytes < 0) this.uncommittedBytes = 0;
    if (this.pendingReadIndex.length > 0 && this.log.term(this.log.committed) === this.currentTerm) {
      const waiting = this.pendingReadIndex;
      this.pendingReadIndex = [];
      for (const r of waiting) this.leaderReadIndex(r.from, r.context);
    }
    return true;
  }

  becomeFollower(term: number, leader: NodeId): void {
    this.resetTerm(term);
    this.currentRole = Role.Follower;
    this.currentLeader = leader;
  }

  becomePreCandidate(): void {
    assert(this.currentRole !== Role.Leader, 'leader-never-campaigns', () => `${this.id} is leader`);
    // Pre-vote changes neither term nor vote: a failed pre-campaign leaves no trace.
    this.currentRole = Role.PreCandidate;
    this.currentLeader = NO_NODE;
    this.tracker.resetVotes();
  }

  becomeCandidate(): void {
    assert(this.currentRole !== Role.Leader, 'leader-never-campaigns', () => `${this.id} is leader`);
    this.resetTerm(this.currentTerm + 1);
    this.votedFor = this.id;
    this.currentRole = Role.Candidate;
  }

  becomeLeader(): void {
    assert(this.currentRole === Role.Candidate, 'leader-from-candidate', () => `${this.id} is ${this.currentRole}`);
    this.resetTerm(this.currentTerm);
    this.currentRole = Role.Leader;
    this.currentLeader = this.id;
    this.tracker.resetProgress(this.log.lastIndex());
    const self = this.tracker.progress.get(this.id);
    if (self) {
      self.becomeReplicate();
      self.maybeUpdate(this.log.stableIndex);
    }
    // The no-op of this term: committing it commits every earlier entry (Figure 8) and fixes the
    // commit index that ReadIndex relies on.
    this.uncommittedBytes = 0;
    this.log.appendAsLeader([{ index: this.log.lastIndex() + 1, term: this.currentTerm, type: EntryType.Normal, data: new Uint8Array(0) }]);
    bcastAppend(this, false);
  }

  private resetTerm(term: number): void {
    assert(term >= this.currentTerm, 'term-monotonic', () => `${term} < ${this.currentTerm}`);
    if (term !== this.currentTerm) {
      this.currentTerm = term;
      this.votedFor = NO_NODE;
      // Messages of older terms not yet handed out describe a state that may no longer be what the next
      // write persists: an append response queued in term t can acknowledge entries that a leader of the
      // new term truncates before that write. Sent after it, the acknowledgement would claim durability
      // of entries we no longer hold. Raft tolerates losing them, so drop them.
      const current = (m: Message) => m.term >= term;
      this.outboxEarly = this.outboxEarly.filter(current);
      this.outboxAfterPersist = this.outboxAfterPersist.filter(current);
    }
    this.currentLeader = NO_NODE;
    this.leadTransferee = NO_NODE;
    this.tracker.resetVotes();
    this.readOnly = new ReadOnly(this.cfg.maxPendingReads);
    this.pendingReadIndex = [];
    this.commitWaiters.clear();
    this.resetTimers();
  }

  private resetTimers(): void {
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedElectionTimeout = this.cfg.electionTicks + this.cfg.random.int(this.cfg.electionTicks);
  }

  private hardState(): HardState {
    return { term: this.currentTerm, vote: this.votedFor, commit: this.log.committed };
  }

  private hardStateChanged(): boolean {
    const h = this.lastReadyHard;
    return h.term !== this.currentTerm || h.vote !== this.votedFor || h.commit !== this.log.committed;
  }

  private softStateChanged(): boolean {
    const s = this.lastReadySoft;
    return s.role !== this.currentRole || s.leader !== this.currentLeader;
  }
}
