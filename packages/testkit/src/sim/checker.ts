import { MessageType, Role, type Entry, type Message, type NodeId, type ReadState } from '@raftbus/core';
import { SafetyViolation } from './errors.js';
import type { SimDisk } from './disk.js';
import { DurableLogMirror, PrefixRegistry, type MirroredEntry } from './durable-log-mirror.js';
import { entryDataHash } from './entry-hash.js';

/** What the checkers may look at in a live node (its in-memory Raft state). */
export interface NodeView {
  readonly id: NodeId;
  readonly term: number;
  readonly role: Role;
  readonly commitIndex: number;
  /** Index of the node's snapshot (0 if none); entries above it are held in memory. */
  readonly snapshotIndex: number;
  readonly lastIndex: number;
  /** Term of the entry at `index` (the snapshot's term at the snapshot index), undefined if unknown. */
  termAt(index: number): number | undefined;
  entryAt(index: number): Entry | undefined;
}

interface CommittedRecord {
  readonly term: number;
  readonly dataHash: number;
  readonly firstSeenBy: NodeId;
  /**
   * Lowest term of a node seen treating the entry as committed: the commit happened in this term or
   * earlier, so every leader of a later term must hold the entry (leader completeness).
   */
  committedByTerm: number;
}

export interface CheckerOptions {
  readonly seed: number;
  /** Also check that term, vote and acknowledged entries are durable before a message says so. */
  readonly checkSendDurability?: boolean;
}

/** Figures for a run's report. */
export interface CheckerFigures {
  committedEntries: number;
  leadersElected: number;
  readsChecked: number;
}

/**
 * The safety checkers. The simulator feeds them every event (a leader seen, a commit, a durable write,
 * an apply, a message sent, a read); each check is incremental, and each failure throws a
 * SafetyViolation naming the property, the seed, the tick and the nodes involved.
 */
export class SafetyChecker {
  tick = 0;
  readonly figures: CheckerFigures = { committedEntries: 0, leadersElected: 0, readsChecked: 0 };
  private readonly leaderByTerm = new Map<number, NodeId>();
  /** committed[index]: the entry some node declared committed there. */
  private readonly committed: (CommittedRecord | undefined)[] = [];
  private maxCommittedIndex = 0;
  /** chainHashAt[index]: the state machine hash after applying index (from any replica). */
  private readonly chainHashAt: (number | undefined)[] = [];
  private readonly appliedIndexByNode = new Map<NodeId, number>();
  private readonly commitSeenByNode = new Map<NodeId, number>();
  private readonly prefixes = new PrefixRegistry();
  private readonly mirrors = new Map<NodeId, DurableLogMirror>();
  /** ReadIndex requests in flight: context key → the commit index any node knew when it was issued. */
  private readonly readFloorByContext = new Map<string, number>();
  private readonly checkSendDurability: boolean;

  constructor(
    private readonly options: CheckerOptions,
    private readonly liveNodes: () => readonly NodeView[],
  ) {
    this.checkSendDurability = options.checkSendDurability ?? true;
  }

  get highestCommittedIndex(): number {
    return this.maxCommittedIndex;
  }

  committedTerm(index: number): number | undefined {
    return this.committed[index]?.term;
  }

  committedDataHash(index: number): number | undefined {
    return this.committed[index]?.dataHash;
  }

  private fail(property: string, nodes: readonly NodeId[], detail: string): never {
    throw new SafetyViolation(property, { seed: this.options.seed, tick: this.tick, nodes }, detail);
  }

  /** Run after every step: election safety, commit tracking, leader completeness for new leaders. */
  checkStep(): void {
    for (const node of this.liveNodes()) {
      this.observeCommitIndex(node);
      if (node.role === Role.Leader) this.observeLeader(node);
    }
  }

  private observeLeader(node: NodeView): void {
    const known = this.leaderByTerm.get(node.term);
    if (known === node.id) return;
    if (known !== undefined) this.fail('election-safety', [known, node.id], `two leaders in term ${node.term}`);
    this.leaderByTerm.set(node.term, node.id);
    this.figures.leadersElected++;
    for (let i = node.snapshotIndex + 1; i <= this.maxCommittedIndex; i++) {
      const c = this.committed[i];
      if (c && c.committedByTerm < node.term) this.requireHolds(node, i);
    }
    this.requireSnapshotAgrees(node);
  }

  /** Leader completeness: a leader of a term after the entry's holds the committed entry at `index`. */
  private requireHolds(leader: NodeView, index: number): void {
    const c = this.committed[index];
    if (!c || index <= leader.snapshotIndex || c.committedByTerm >= leader.term) return;
    const term = leader.termAt(index);
    if (term !== c.term) {
      this.fail(
        'leader-completeness',
        [leader.id, c.firstSeenBy],
        `leader of term ${leader.term} has term ${term ?? 'none'} at ${index}; the entry committed there by term ${c.committedByTerm} has term ${c.term}`,
      );
    }
  }

  private requireSnapshotAgrees(leader: NodeView): void {
    const s = leader.snapshotIndex;
    const c = this.committed[s];
    if (s > 0 && c && c.committedByTerm < leader.term && leader.termAt(s) !== c.term) {
      this.fail('leader-completeness', [leader.id, c.firstSeenBy], `leader's snapshot at ${s} has term ${leader.termAt(s)}; committed term there is ${c.term}`);
    }
  }

  /** Records what a node's commit index newly covers; runs the agreement and completeness checks on it. */
  observeCommitIndex(node: NodeView): void {
    const seen = this.commitSeenByNode.get(node.id) ?? 0;
    if (node.commitIndex <= seen) return;
    for (let i = Math.max(seen + 1, node.snapshotIndex + 1); i <= node.commitIndex; i++) {
      const e = node.entryAt(i);
      if (!e) this.fail('log-matching', [node.id], `commit index ${node.commitIndex} covers ${i}, which the node's log does not hold`);
      this.recordCommitted(node.id, node.term, e);
    }
    this.commitSeenByNode.set(node.id, node.commitIndex);
  }

  private recordCommitted(nodeId: NodeId, observerTerm: number, e: Entry): void {
    const dataHash = entryDataHash(e);
    const known = this.committed[e.index];
    if (known) {
      if (known.term !== e.term || known.dataHash !== dataHash) {
        this.fail('state-machine-safety', [known.firstSeenBy, nodeId], `two different entries committed at ${e.index} (terms ${known.term} and ${e.term})`);
      }
      if (observerTerm >= known.committedByTerm) return;
      known.committedByTerm = observerTerm;
    } else {
      this.committed[e.index] = { term: e.term, dataHash, firstSeenBy: nodeId, committedByTerm: observerTerm };
      this.figures.committedEntries++;
      if (e.index > this.maxCommittedIndex) this.maxCommittedIndex = e.index;
    }
    // Completeness for leaders of later terms elected before this commit was observed.
    for (const node of this.liveNodes()) if (node.role === Role.Leader) this.requireHolds(node, e.index);
  }

  /** A node applied `entry`, and its state machine hash is now `hashAfter`. */
  observeApply(nodeId: NodeId, nodeTerm: number, entry: Entry, hashAfter: number): void {
    const applied = this.appliedIndexByNode.get(nodeId) ?? 0;
    if (entry.index !== applied + 1) this.fail('in-order-apply', [nodeId], `applied ${entry.index} after ${applied}`);
    this.appliedIndexByNode.set(nodeId, entry.index);
    this.recordCommitted(nodeId, nodeTerm, entry);
    this.recordChainHash(nodeId, entry.index, hashAfter);
  }

  /** A node's state machine was restored from a snapshot at `index` (on restart, or from a leader). */
  observeRestore(nodeId: NodeId, index: number, hash: number, restart: boolean): void {
    const applied = this.appliedIndexByNode.get(nodeId) ?? 0;
    if (!restart && index < applied) this.fail('in-order-apply', [nodeId], `snapshot at ${index} would rewind the state machine from ${applied}`);
    this.appliedIndexByNode.set(nodeId, index);
    if (index > 0) this.recordChainHash(nodeId, index, hash);
  }

  /** A node restarted: its volatile commit knowledge is gone (its durable state is re-read separately). */
  observeRestart(nodeId: NodeId): void {
    this.commitSeenByNode.set(nodeId, 0);
  }

  private recordChainHash(nodeId: NodeId, index: number, hash: number): void {
    const known = this.chainHashAt[index];
    if (known === undefined) this.chainHashAt[index] = hash;
    else if (known !== hash) this.fail('state-machine-safety', [nodeId], `state machine hash at ${index} is ${hash.toString(16)}, another replica had ${known.toString(16)}`);
  }

  /** A node's disk finished a write (or a compaction): log matching, and no committed entry lost. */
  observeDisk(nodeId: NodeId, disk: SimDisk): void {
    let mirror = this.mirrors.get(nodeId);
    if (!mirror) this.mirrors.set(nodeId, (mirror = new DurableLogMirror()));
    const change = mirror.sync(disk, this.prefixes, (m, registered) => {
      this.fail('log-matching', [nodeId], `durable entry ${m.index} of term ${m.term} has prefix hash ${m.prefixHash.toString(16)}, another log's is ${registered.toString(16)}`);
    });
    for (const m of change.removed) this.requireNotCommitted(nodeId, m, disk);
  }

  private requireNotCommitted(nodeId: NodeId, m: MirroredEntry, disk: SimDisk): void {
    const c = this.committed[m.index];
    if (!c || c.term !== m.term || m.index <= disk.snapshotIndex) return;
    this.fail('committed-never-lost', [nodeId], `committed entry ${m.index} (term ${m.term}) removed from the durable log`);
  }

  /**
   * A node is about to send `m`. Its term (and vote, for a granted vote; entries, for an acknowledged
   * append) must be durable first, or a crash could make it contradict itself.
   */
  observeSend(m: Message, disk: SimDisk): void {
    if (!this.checkSendDurability) return;
    const hs = disk.hardState;
    const futureTermTypes: readonly string[] = [MessageType.PreVote, MessageType.PreVoteResponse];
    if (!futureTermTypes.includes(m.type) && m.term > hs.term) {
      this.fail('term-durable', [m.from], `${m.type} of term ${m.term} sent while the durable term is ${hs.term}`);
    }
    if (m.type === MessageType.VoteResponse && !m.reject && hs.term === m.term && hs.vote !== m.to) {
      this.fail('vote-durable', [m.from, m.to], `vote for ${m.to} in term ${m.term} sent while the durable vote is ${JSON.stringify(hs.vote)}`);
    }
    if (m.type === MessageType.AppendResponse && !m.reject && m.index > disk.lastIndex) {
      this.fail('ack-durable', [m.from, m.to], `acknowledged index ${m.index} while the durable log ends at ${disk.lastIndex}`);
    }
  }

  /** A ReadIndex request was issued: whatever it returns must cover every commit known now. */
  observeReadIssued(contextKey: string): void {
    let floor = this.maxCommittedIndex;
    for (const node of this.liveNodes()) floor = Math.max(floor, node.commitIndex);
    this.readFloorByContext.set(contextKey, floor);
  }

  observeReadState(nodeId: NodeId, contextKey: string, rs: ReadState): void {
    const floor = this.readFloorByContext.get(contextKey);
    if (floor === undefined) return; // a duplicate answer to a request already checked
    this.readFloorByContext.delete(contextKey);
    this.figures.readsChecked++;
    if (rs.index < floor) {
      this.fail('read-index-linearizable', [nodeId], `read index ${rs.index} is below ${floor}, committed before the read was issued`);
    }
  }

  /** At quiescence: every node's state machine agrees with the committed history at its applied index. */
  checkConverged(states: readonly { id: NodeId; appliedIndex: number; hash: number }[]): void {
    for (const s of states) {
      if (s.appliedIndex < this.maxCommittedIndex) {
        this.fail('committed-never-lost', [s.id], `applied only ${s.appliedIndex} of ${this.maxCommittedIndex} committed entries at quiescence`);
      }
      this.recordChainHash(s.id, s.appliedIndex, s.hash);
    }
  }
}
