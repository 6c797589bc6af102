import {
  RaftCore,
  type ConfState,
  type Entry,
  type InitialState,
  type Message,
  type NodeId,
  type RaftConfig,
  type RaftOptions,
  type ReadState,
  type Ready,
  type Role,
  type Snapshot,
} from '@raftbus/core';
import type { SafetyChecker, NodeView } from './checker.js';
import { SimulationUsageError } from './errors.js';
import type { SimDisk } from './disk.js';
import type { Random } from './random.js';
import { HashChainStateMachine } from './state-machine.js';

/** Builds a node's protocol core; a planted-bug test passes a factory for its RaftCore subclass. */
export type CoreFactory = (options: RaftOptions, initial: InitialState) => RaftCore;

export const defaultCoreFactory: CoreFactory = (options, initial) => new RaftCore(options, initial);

export type RaftTuning = Partial<Omit<RaftConfig, 'id' | 'random'>>;

export interface SimNodeOptions {
  readonly id: NodeId;
  readonly confState: ConfState;
  readonly raft: RaftTuning;
  readonly random: Random;
  readonly disk: SimDisk;
  readonly coreFactory: CoreFactory;
  readonly checker: SafetyChecker;
  /** The application snapshots (and compacts the log) every this many applied entries; 0 = never. */
  readonly snapshotEveryEntries: number;
  readonly send: (m: Message) => void;
  /** Called after each entry this node applies (the cluster keeps the applied values for scenarios). */
  readonly onApply?: (id: NodeId, entry: Entry) => void;
  /** Event log for replays (`npm run sim -- --replay S --trace`); off unless given. */
  readonly trace?: (line: string) => void;
}

/** One line per message, for traces. */
export function describeMessage(m: Message): string {
  const entries = m.entries.length > 0 ? ` entries=${m.entries[0]!.index}..${m.entries[m.entries.length - 1]!.index}` : '';
  const extra = m.snapshot ? ` snapshot=${m.snapshot.meta.index}@${m.snapshot.meta.term}` : '';
  return `${m.type} ${m.from}->${m.to} term=${m.term} logTerm=${m.logTerm} index=${m.index} commit=${m.commit}${m.reject ? ` reject hint=${m.rejectHint}` : ''}${entries}${extra}`;
}

/** Counters for one node across restarts. */
export interface NodeCounters {
  crashes: number;
  /** Crashes that lost a disk write in flight. */
  crashesMidWrite: number;
  restarts: number;
  appliedEntries: number;
  snapshotsTaken: number;
  snapshotsInstalled: number;
  readsServed: number;
}

interface PendingWrite {
  readonly ready: Ready;
  readonly completeAtTick: number;
}

const textDecoder = new TextDecoder();

/**
 * One simulated server: a protocol core driven exactly as the runtime drives it (see `Ready`), a disk
 * that keeps only completed writes, and a hash-chain state machine. A disk write takes
 * `diskLatencyTicks`; until it completes the node does not take another Ready, and a crash loses it.
 */
export class SimNode implements NodeView {
  readonly id: NodeId;
  readonly disk: SimDisk;
  readonly counters: NodeCounters = { crashes: 0, crashesMidWrite: 0, restarts: 0, appliedEntries: 0, snapshotsTaken: 0, snapshotsInstalled: 0, readsServed: 0 };
  diskLatencyTicks = 0;
  /** Highest index this node ever applied (across restarts), for MIT-style nCommitted counts. */
  maxAppliedEver = 0;
  private core: RaftCore | undefined;
  private sm = new HashChainStateMachine();
  private pending: PendingWrite | undefined;
  /** Read states waiting until the state machine has applied their index. */
  private waitingReads: ReadState[] = [];
  /** Context keys of reads served, in order (scenario tests look at them). */
  readonly servedReads: { key: string; index: number; hash: number }[] = [];

  constructor(private readonly options: SimNodeOptions) {
    this.id = options.id;
    this.disk = options.disk;
  }

  get up(): boolean {
    return this.core !== undefined;
  }

  /** The live core (throws if the node is down). Scenario tests use it to inspect or to call campaign(). */
  get raft(): RaftCore {
    if (!this.core) throw new SimulationUsageError(`node ${this.id} is down`);
    return this.core;
  }

  get writeInFlight(): boolean {
    return this.pending !== undefined;
  }

  // ── NodeView (valid only while up) ──
  get term(): number {
    return this.raft.term;
  }
  get role(): Role {
    return this.raft.role;
  }
  get commitIndex(): number {
    return this.raft.commitIndex;
  }
  get snapshotIndex(): number {
    return this.raft.firstIndex - 1;
  }
  get lastIndex(): number {
    return this.raft.lastIndex;
  }
  termAt(index: number): number | undefined {
    const core = this.raft;
    if (index === core.firstIndex - 1) return core.snapshotMeta?.term ?? 0;
    return core.entries(index, index + 1)[0]?.term;
  }
  entryAt(index: number): Entry | undefined {
    return this.raft.entries(index, index + 1)[0];
  }

  get appliedIndex(): number {
    return this.sm.appliedIndex;
  }
  get stateHash(): number {
    return this.sm.hash;
  }

  /** Boot (first start, or restart after a crash) from what the disk holds. */
  start(): void {
    if (this.core) return;
    const disk = this.disk;
    disk.open();
    const snapshot = disk.snapshot;
    this.sm = new HashChainStateMachine();
    if (snapshot) this.sm.restore(snapshot.data, snapshot.meta.index);
    const initial: InitialState = {
      hardState: disk.hardState,
      ...(snapshot ? { snapshot } : {}),
      entries: [...disk.entries],
      confState: snapshot?.meta.confState ?? this.options.confState,
      applied: snapshot?.meta.index ?? 0,
    };
    this.core = this.options.coreFactory({ ...this.options.raft, id: this.id, random: this.options.random.fork() }, initial);
    this.waitingReads = [];
    this.options.checker.observeRestart(this.id);
    this.options.checker.observeRestore(this.id, this.sm.appliedIndex, this.sm.hash, true);
    this.options.checker.observeDisk(this.id, disk);
  }

  /** Power loss: volatile state and any write in flight are gone; the disk keeps what completed. */
  crash(): void {
    if (!this.core) return;
    this.counters.crashes++;
    if (this.pending) this.counters.crashesMidWrite++;
    this.options.trace?.(`${this.id} crash${this.pending ? ' (write in flight lost)' : ''}`);
    this.core = undefined;
    this.pending = undefined;
    this.waitingReads = [];
  }

  restart(): void {
    if (this.core) return;
    this.counters.restarts++;
    this.options.trace?.(`${this.id} restart from disk: snapshot=${this.disk.snapshotIndex} last=${this.disk.lastIndex} hs=${this.disk.hardState.term}/${this.disk.hardState.vote || '-'}`);
    this.start();
  }

  tick(): void {
    this.core?.tick();
  }

  step(m: Message): void {
    this.core?.step(m);
  }

  /**
   * Make progress on the Ready cycle: finish a write that is due, or take the next Ready. Returns
   * whether anything happened (the cluster loops until no node has work, within a bound).
   */
  process(nowTick: number): boolean {
    const core = this.core;
    if (!core) return false;
    if (this.pending) {
      if (nowTick < this.pending.completeAtTick) {
        // As the runtime does: while a write syncs, a leader already replicates what arrived since.
        const early = core.takeMessagesBeforePersist();
        for (const m of early) this.send(m);
        return early.length > 0;
      }
      const { ready } = this.pending;
      this.pending = undefined;
      this.finish(core, ready);
      return true;
    }
    if (!core.hasReady()) return false;
    const rd = core.ready();
    for (const m of rd.messagesBeforePersist) this.send(m);
    const needsWrite = rd.hardState !== undefined || rd.snapshot !== undefined || rd.entries.length > 0;
    if (rd.softState) this.options.trace?.(`${this.id} ${rd.softState.role} term=${core.term} leader=${rd.softState.leader || '-'}`);
    if (needsWrite && this.diskLatencyTicks > 0) {
      this.pending = { ready: rd, completeAtTick: nowTick + this.diskLatencyTicks };
      return true;
    }
    this.finish(core, rd);
    return true;
  }

  private send(m: Message): void {
    this.options.trace?.(`send ${describeMessage(m)}`);
    this.options.checker.observeSend(m, this.disk);
    this.options.send(m);
  }

  /** The write is durable: acknowledge, apply, serve reads, advance, maybe snapshot. */
  private finish(core: RaftCore, rd: Ready): void {
    const checker = this.options.checker;
    if (rd.hardState !== undefined || rd.snapshot !== undefined || rd.entries.length > 0) {
      const hs = rd.hardState;
      this.options.trace?.(
        `${this.id} write${rd.snapshot ? ` snapshot=${rd.snapshot.meta.index}@${rd.snapshot.meta.term}` : ''}` +
          (rd.entries.length > 0 ? ` entries=${rd.entries[0]!.index}..${rd.entries[rd.entries.length - 1]!.index}@${rd.entries[rd.entries.length - 1]!.term}` : '') +
          (hs ? ` hs=${hs.term}/${hs.vote || '-'}/${hs.commit}` : ''),
      );
      this.disk.write({ ...(rd.snapshot ? { snapshot: rd.snapshot } : {}), entries: rd.entries, ...(rd.hardState ? { hardState: rd.hardState } : {}) });
      checker.observeDisk(this.id, this.disk);
    }
    for (const m of rd.messages) this.send(m);
    if (rd.snapshot) this.installSnapshot(rd.snapshot);
    for (const e of rd.committedEntries) {
      this.sm.apply(e);
      this.counters.appliedEntries++;
      if (e.index > this.maxAppliedEver) this.maxAppliedEver = e.index;
      checker.observeApply(this.id, core.term, e, this.sm.hash);
      this.options.onApply?.(this.id, e);
    }
    for (const rs of rd.readStates) {
      checker.observeReadState(this.id, textDecoder.decode(rs.context), rs);
      this.waitingReads.push(rs);
    }
    this.serveReads();
    core.advance(rd);
    this.maybeSnapshot(core, rd.committedEntries[rd.committedEntries.length - 1]);
  }

  private installSnapshot(snapshot: Snapshot): void {
    this.sm.restore(snapshot.data, snapshot.meta.index);
    this.counters.snapshotsInstalled++;
    if (snapshot.meta.index > this.maxAppliedEver) this.maxAppliedEver = snapshot.meta.index;
    this.options.checker.observeRestore(this.id, snapshot.meta.index, this.sm.hash, false);
  }

  private serveReads(): void {
    const still: ReadState[] = [];
    for (const rs of this.waitingReads) {
      if (rs.index <= this.sm.appliedIndex) {
        this.counters.readsServed++;
        this.servedReads.push({ key: textDecoder.decode(rs.context), index: rs.index, hash: this.sm.hash });
      } else still.push(rs);
    }
    this.waitingReads = still;
  }

  private maybeSnapshot(core: RaftCore, lastApplied: Entry | undefined): void {
    const every = this.options.snapshotEveryEntries;
    if (every <= 0 || !lastApplied || this.sm.appliedIndex - this.disk.snapshotIndex < every) return;
    const snapshot: Snapshot = {
      meta: { index: lastApplied.index, term: lastApplied.term, confState: core.snapshotMeta?.confState ?? this.options.confState },
      data: this.sm.snapshot(),
    };
    // The application's snapshot is durable before the core drops the entries it covers.
    this.disk.compact(snapshot);
    this.options.checker.observeDisk(this.id, this.disk);
    core.compact(snapshot);
    this.counters.snapshotsTaken++;
  }

  /** Ask for a linearizable read; `key` comes back in servedReads once it is safe. */
  readIndex(key: string): void {
    this.options.checker.observeReadIssued(key);
    this.raft.readIndex(new TextEncoder().encode(key));
  }
}
