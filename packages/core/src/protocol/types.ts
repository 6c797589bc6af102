/**
 * Types shared by the pure Raft protocol core and everything that drives it (the RaftNode runtime,
 * the deterministic simulator, the wire codecs). Plain data only: no classes, no I/O.
 */

/** A node's identity within a cluster. Stable across restarts; never the empty string. */
export type NodeId = string;

/** The empty NodeId means "nobody" (no vote cast, no known leader). */
export const NO_NODE: NodeId = '';

export const EntryType = {
  /** Application command; an entry with empty data is the leader's no-op on election. */
  Normal: 0,
  /** Membership change (payload is an encoded ConfState); applied by the runtime. */
  ConfChange: 1,
} as const;
export type EntryType = (typeof EntryType)[keyof typeof EntryType];

export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly type: EntryType;
  readonly data: Uint8Array;
}

/** What must survive a crash besides the log: the Raft paper's currentTerm and votedFor, plus commit. */
export interface HardState {
  readonly term: number;
  /** Candidate voted for in `term`, or NO_NODE. */
  readonly vote: NodeId;
  /** Highest index known committed. Persisting it is an optimisation (faster restart), not a safety need. */
  readonly commit: number;
}

/**
 * Cluster membership. `votersOutgoing` is non-empty only during a joint-consensus transition, in which
 * case a decision needs a majority of `voters` AND a majority of `votersOutgoing`.
 */
export interface ConfState {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
  readonly votersOutgoing: readonly NodeId[];
}

export interface SnapshotMeta {
  /** Index of the last entry the snapshot covers. */
  readonly index: number;
  /** Term of that entry. */
  readonly term: number;
  /** Membership as of `index`. */
  readonly confState: ConfState;
}

/** A state machine snapshot. `data` is opaque to the core (chunking is the transport's business). */
export interface Snapshot {
  readonly meta: SnapshotMeta;
  readonly data: Uint8Array;
}

export const MessageType = {
  /** Leader → follower: AppendEntries (possibly empty = probe). */
  Append: 'append',
  AppendResponse: 'appendResponse',
  /** Candidate → voter: RequestVote. */
  Vote: 'vote',
  VoteResponse: 'voteResponse',
  /** Pre-candidate → voter: would you vote for me at term+1? Does not change anyone's term. */
  PreVote: 'preVote',
  PreVoteResponse: 'preVoteResponse',
  /** Leader → follower: keep-alive and commit propagation; carries the ReadIndex round number. */
  Heartbeat: 'heartbeat',
  HeartbeatResponse: 'heartbeatResponse',
  /** Leader → follower: InstallSnapshot (whole snapshot; the transport chunks it). */
  Snapshot: 'snapshot',
  /** Leader → transfer target: start an election now, skipping pre-vote. */
  TimeoutNow: 'timeoutNow',
  /** Follower → leader: a ReadIndex request forwarded on behalf of a local reader. */
  ReadIndex: 'readIndex',
  ReadIndexResponse: 'readIndexResponse',
  /** Anyone → leader: please transfer leadership to `transferee`. */
  TransferLeader: 'transferLeader',
  /** Follower → leader: commands proposed on a follower (entries carry data only; index and term 0). */
  Propose: 'propose',
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/**
 * One protocol message. A flat record (as etcd-io/raft's raftpb.Message) so that every transport can
 * encode it the same way; the meaning of the numeric fields depends on `type`:
 *
 * | type               | logTerm                     | index                                  | commit        |
 * |--------------------|-----------------------------|----------------------------------------|---------------|
 * | append             | term of entry at `index`    | index preceding `entries`              | leader commit |
 * | appendResponse     | reject: hint term           | accept: last index matched; reject: the rejected `index` | —  |
 * | vote / preVote     | candidate's last log term   | candidate's last log index             | —             |
 * | heartbeat(+Resp)   | —                           | ReadIndex round number (0 = none)      | commit        |
 * | readIndexResponse  | —                           | the read index                         | —             |
 */
export interface Message {
  readonly type: MessageType;
  readonly from: NodeId;
  readonly to: NodeId;
  /** Sender's term. PreVote carries the term the sender would campaign in (current + 1). */
  readonly term: number;
  readonly logTerm: number;
  readonly index: number;
  readonly commit: number;
  readonly entries: readonly Entry[];
  readonly reject: boolean;
  /** appendResponse on reject: the follower's best guess of where the logs may match. */
  readonly rejectHint: number;
  /** snapshot messages only. */
  readonly snapshot?: Snapshot;
  /** readIndex / readIndexResponse: the reader's opaque request context. */
  readonly context?: Uint8Array;
  /** vote: the campaign was started by a leadership transfer (voters ignore their leader lease). */
  readonly transfer?: boolean;
  /** transferLeader: the node that should become leader. */
  readonly transferee?: NodeId;
}

export const Role = {
  Follower: 'follower',
  PreCandidate: 'preCandidate',
  Candidate: 'candidate',
  Leader: 'leader',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Volatile state worth reporting (not persisted). */
export interface SoftState {
  readonly role: Role;
  readonly leader: NodeId;
}

/** A ReadIndex that is now safe: once the state machine has applied `index`, serve the read for `context`. */
export interface ReadState {
  readonly index: number;
  readonly context: Uint8Array;
}

/**
 * Everything the driver must do, in order:
 * 1. send `messagesBeforePersist` (only ever a leader's appends/heartbeats, whose term and vote are
 *    already durable: the leader may replicate while its own write is in flight);
 * 2. persist `snapshot` (if any), then `entries` (truncating any stored suffix from `entries[0].index`),
 *    then `hardState` (if any) — in one synced write;
 * 3. send `messages` (they may acknowledge what step 2 made durable);
 * 4. apply `committedEntries` in order, and serve `readStates` once applied ≥ their index; committed
 *    entries are durable on a quorum, so they may be applied while the write of step 2 is in flight
 *    (RaftNode does), but a snapshot of the applied state may be stored only after that write;
 * 5. call `advance(ready)`.
 */
export interface Ready {
  readonly softState?: SoftState;
  readonly hardState?: HardState;
  readonly snapshot?: Snapshot;
  readonly entries: readonly Entry[];
  readonly messagesBeforePersist: readonly Message[];
  readonly messages: readonly Message[];
  readonly committedEntries: readonly Entry[];
  readonly readStates: readonly ReadState[];
}

/** What a restarting node recovered from its durable store. */
export interface InitialState {
  readonly hardState: HardState;
  /** The latest durable snapshot (kept to send to lagging followers); absent = log starting at index 1. */
  readonly snapshot?: Snapshot;
  /** Durable entries after the snapshot, contiguous. */
  readonly entries: readonly Entry[];
  /** Membership when no snapshot carries it (a fresh cluster's bootstrap membership). */
  readonly confState: ConfState;
  /** Highest index the state machine has applied (≥ snapshot index). Default: snapshot index. */
  readonly applied?: number;
}

/** A deterministic source of randomness; production passes a seeded or crypto-backed one. */
export interface RandomSource {
  /** A uniformly distributed integer in [0, n). */
  int(n: number): number;
}

export interface RaftConfig {
  readonly id: NodeId;
  /** Follower and candidate timeout: a node campaigns after a random [electionTicks, 2·electionTicks) silent ticks. */
  readonly electionTicks: number;
  /** A leader sends heartbeats every heartbeatTicks; must be < electionTicks. */
  readonly heartbeatTicks: number;
  /** Campaign in two phases so a partitioned node rejoining cannot inflate terms and depose a healthy leader. */
  readonly preVote: boolean;
  /** Leader steps down when it has not heard from a quorum within an election timeout; followers keep a lease. */
  readonly checkQuorum: boolean;
  /** Upper bound on the summed payload bytes of one append message (at least one entry is always sent). */
  readonly maxMessageBytes: number;
  /** Upper bound on the number of entries in one append message. */
  readonly maxMessageEntries: number;
  /** Append messages in flight per follower in the replicate state (flow control window). */
  readonly maxInflightMessages: number;
  /** Bound on the payload bytes of proposals appended but not yet committed; beyond it propose() throws. */
  readonly maxUncommittedBytes: number;
  /** Bound on ReadIndex requests waiting for a leader confirmation round. */
  readonly maxPendingReads: number;
  /** Upper bound on the payload bytes of committed entries handed out in one Ready (at least one entry). */
  readonly maxApplyBytesPerReady: number;
  readonly random: RandomSource;
}

export type RaftOptions = Pick<RaftConfig, 'id' | 'random'> & Partial<Omit<RaftConfig, 'id' | 'random'>>;

export const DEFAULT_RAFT_CONFIG: Omit<RaftConfig, 'id' | 'random'> = {
  electionTicks: 10,
  heartbeatTicks: 1,
  preVote: true,
  checkQuorum: true,
  maxMessageBytes: 1 << 20,
  maxMessageEntries: 4096,
  maxInflightMessages: 256,
  maxUncommittedBytes: 64 << 20,
  maxPendingReads: 65536,
  maxApplyBytesPerReady: 4 << 20,
};
