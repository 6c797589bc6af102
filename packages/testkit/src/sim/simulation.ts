import { InvariantError, type ConfState, type Entry, type Message, type NodeId } from '@raftbus/core';
import { SafetyChecker } from './checker.js';
import { defaultDiskFactory, type DiskFactory } from './disk.js';
import { LivenessViolation, SimulationUsageError } from './errors.js';
import { RELIABLE_LINK, SimNetwork, type LinkFaults } from './network.js';
import { SimNode, defaultCoreFactory, describeMessage, type CoreFactory, type RaftTuning } from './node.js';
import { Random } from './random.js';

export interface SimulationOptions {
  /** Cluster size (voters n1…nN). Default 3. */
  readonly nodes?: number;
  /** Everything random derives from this. Default 1. */
  readonly seed?: number;
  /** Protocol tuning passed to every core (electionTicks defaults to 10). */
  readonly raft?: RaftTuning;
  /** Initial faults of every link. Default: reliable. */
  readonly network?: LinkFaults;
  /** Ticks a disk write takes on every node (0 = completes in the tick it starts). Default 0. */
  readonly diskLatencyTicks?: number;
  /** Application snapshot interval in applied entries; 0 = never. Default 0. */
  readonly snapshotEveryEntries?: number;
  readonly coreFactory?: CoreFactory;
  readonly diskFactory?: DiskFactory;
  /** Check that terms, votes and acknowledged entries are durable before the message leaves. Default true. */
  readonly checkSendDurability?: boolean;
  /** Bound on message-delivery rounds within one tick (the rest waits for the next tick). */
  readonly maxDeliveryRoundsPerTick?: number;
  /** Receives one line per event (sends, deliveries, writes, crashes), prefixed with the tick. */
  readonly trace?: (line: string) => void;
}

const DEFAULT_MAX_DELIVERY_ROUNDS_PER_TICK = 64;
const DEFAULT_ELECTION_TICKS = 10;

/**
 * A deterministic simulation of a Raft cluster: virtual time in ticks, a faulty network, per-node disks
 * that survive crashes, and the safety checkers after every step. Same seed, same run.
 */
export class Simulation {
  readonly seed: number;
  readonly ids: readonly NodeId[];
  readonly network: SimNetwork;
  readonly checker: SafetyChecker;
  /** The scenario's own random stream (fault choices), independent of the nodes' and the network's. */
  readonly random: Random;
  readonly electionTicks: number;
  /** Applied payload by index, from the first replica that applied it (the checkers guarantee agreement). */
  readonly appliedData = new Map<number, Uint8Array>();
  private readonly nodeById = new Map<NodeId, SimNode>();
  private nowTick = 0;
  private readonly maxDeliveryRoundsPerTick: number;
  private readonly traceSink: ((line: string) => void) | undefined;

  constructor(options: SimulationOptions = {}) {
    const n = options.nodes ?? 3;
    if (!Number.isInteger(n) || n < 1) throw new SimulationUsageError(`nodes must be a positive integer, got ${n}`);
    this.seed = options.seed ?? 1;
    this.ids = Array.from({ length: n }, (_, k) => `n${k + 1}`);
    this.electionTicks = options.raft?.electionTicks ?? DEFAULT_ELECTION_TICKS;
    this.maxDeliveryRoundsPerTick = options.maxDeliveryRoundsPerTick ?? DEFAULT_MAX_DELIVERY_ROUNDS_PER_TICK;
    this.traceSink = options.trace;
    const trace = this.traceSink ? (line: string) => this.traceSink!(`[${this.nowTick}] ${line}`) : undefined;
    const root = new Random(this.seed);
    this.random = root.fork();
    this.network = new SimNetwork(this.ids, root.fork());
    this.network.setFaults(options.network ?? RELIABLE_LINK);
    this.checker = new SafetyChecker({ seed: this.seed, checkSendDurability: options.checkSendDurability ?? true }, () => this.upNodes());
    const confState: ConfState = { voters: [...this.ids], learners: [], votersOutgoing: [] };
    const diskFactory = options.diskFactory ?? defaultDiskFactory;
    for (const id of this.ids) {
      const node = new SimNode({
        id,
        confState,
        raft: { electionTicks: this.electionTicks, ...options.raft },
        random: root.fork(),
        disk: diskFactory(id),
        coreFactory: options.coreFactory ?? defaultCoreFactory,
        checker: this.checker,
        snapshotEveryEntries: options.snapshotEveryEntries ?? 0,
        send: (m) => this.network.send(m, this.nowTick),
        onApply: (_id, e) => this.recordApplied(e),
        ...(trace ? { trace } : {}),
      });
      node.diskLatencyTicks = options.diskLatencyTicks ?? 0;
      this.nodeById.set(id, node);
    }
    for (const node of this.nodeById.values()) node.start();
  }

  get now(): number {
    return this.nowTick;
  }

  node(id: NodeId): SimNode {
    const node = this.nodeById.get(id);
    if (!node) throw new SimulationUsageError(`unknown node ${JSON.stringify(id)}`);
    return node;
  }

  get nodes(): readonly SimNode[] {
    return [...this.nodeById.values()];
  }

  upNodes(): SimNode[] {
    return this.nodes.filter((n) => n.up);
  }

  /** Up and not disconnected (partitions aside): the nodes MIT's tester calls "connected". */
  connectedNodes(): SimNode[] {
    return this.nodes.filter((n) => n.up && this.network.isConnected(n.id));
  }

  private recordApplied(e: Entry): void {
    if (!this.appliedData.has(e.index)) this.appliedData.set(e.index, e.data);
  }

  /** Advance virtual time by `count` ticks, delivering messages and draining Readies after each. */
  tick(count = 1): void {
    for (let k = 0; k < count; k++) {
      this.nowTick++;
      this.checker.tick = this.nowTick;
      for (const node of this.nodeById.values()) node.tick();
      this.settle();
    }
  }

  /**
   * Deliver what is due and let every node work through its Readies, round by round, until nothing
   * moves or the round bound is hit (the remainder simply waits for the next tick).
   */
  settle(): void {
    for (let round = 0; round < this.maxDeliveryRoundsPerTick; round++) {
      let progressed = false;
      for (const m of this.network.takeDue(this.nowTick)) {
        this.deliver(m);
        progressed = true;
      }
      for (const node of this.nodeById.values()) if (node.process(this.nowTick)) progressed = true;
      this.checker.checkStep();
      if (!progressed) return;
    }
  }

  /** Log a line to the trace (the nemesis reports its faults here). */
  trace(line: string): void {
    this.traceSink?.(`[${this.nowTick}] ${line}`);
  }

  private deliver(m: Message): void {
    if (this.traceSink) this.trace(`recv ${describeMessage(m)}`);
    const node = this.nodeById.get(m.to);
    if (!node || !node.up) {
      this.network.counters.toDownNode++;
      return;
    }
    this.network.counters.delivered++;
    node.step(m);
  }

  /**
   * Tick until `condition` holds (checked before each tick), at most `maxTicks`; otherwise a
   * LivenessViolation naming `what`. Returns the ticks it took.
   */
  runUntil(condition: () => boolean, maxTicks: number, what: string): number {
    for (let waited = 0; ; waited++) {
      if (condition()) return waited;
      if (waited >= maxTicks) {
        throw new LivenessViolation(what, { seed: this.seed, tick: this.nowTick, nodes: this.ids }, `not reached within ${maxTicks} ticks`);
      }
      this.tick();
    }
  }

  // ── Faults ──

  crash(id: NodeId): void {
    this.node(id).crash();
  }

  restart(id: NodeId): void {
    this.node(id).restart();
  }

  disconnect(id: NodeId): void {
    this.network.disconnect(id);
  }

  connect(id: NodeId): void {
    this.network.connect(id);
  }

  /** Remove every partition, reconnect every node, make every link reliable again. */
  healNetwork(): void {
    this.network.healAll();
    this.network.setFaults(RELIABLE_LINK);
    for (const a of this.ids) for (const b of this.ids) if (a !== b) this.network.setLinkFaults(a, b, undefined);
  }

  // ── Client operations ──

  /** Propose on `id` if it is an up leader; undefined if it is not (or the proposal was dropped). */
  propose(id: NodeId, data: Uint8Array): { index: number; term: number } | undefined {
    const node = this.node(id);
    if (!node.up || node.role !== 'leader') return undefined;
    try {
      const r = node.raft.propose([data]);
      return { index: r.lastIndex, term: r.term };
    } catch (e) {
      if (e instanceof InvariantError) throw e;
      return undefined; // NotLeaderError / ProposalDroppedError: a client would retry elsewhere
    }
  }

  /** Issue a ReadIndex on `id`; false if the node cannot take it now (down, no leader known, too many). */
  readIndex(id: NodeId, key: string): boolean {
    const node = this.node(id);
    if (!node.up) return false;
    try {
      node.readIndex(key);
      return true;
    } catch (e) {
      if (e instanceof InvariantError) throw e;
      return false;
    }
  }

  /** Ask `via` (the leader, or a follower that forwards) to hand leadership to `to`. */
  transferLeadership(via: NodeId, to: NodeId): boolean {
    const node = this.node(via);
    if (!node.up) return false;
    try {
      node.raft.transferLeadership(to);
      return true;
    } catch (e) {
      if (e instanceof InvariantError) throw e;
      return false;
    }
  }

  // ── Observations ──

  /** The connected leader of the highest term, if any. */
  leader(): NodeId | undefined {
    let best: SimNode | undefined;
    for (const n of this.connectedNodes()) if (n.role === 'leader' && (!best || n.term > best.term)) best = n;
    return best?.id;
  }

  /** Messages nodes have sent so far (MIT's RPC count, counting requests and responses separately). */
  messageCount(): number {
    return this.network.counters.sent;
  }

  messageBytes(): number {
    return this.network.counters.sentBytes;
  }

  /** The quiescent end state: every up node applied all that is committed, with the same state hash. */
  checkConverged(): void {
    this.checker.checkConverged(this.upNodes().map((n) => ({ id: n.id, appliedIndex: n.appliedIndex, hash: n.stateHash })));
  }

  /** Wait until every up node applied everything committed (bounded), then check they agree. */
  awaitConvergence(maxTicks: number): void {
    this.runUntil(
      () => {
        const target = this.checker.highestCommittedIndex;
        return this.upNodes().every((n) => n.appliedIndex >= target && n.commitIndex >= target);
      },
      maxTicks,
      'convergence',
    );
    this.checkConverged();
  }
}
