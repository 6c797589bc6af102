import type { Message, MessageType, NodeId } from '@raftbus/core';
import type { Random } from './random.js';
import { SimulationUsageError } from './errors.js';

/** How one directed link misbehaves. Probabilities are per message; delays are in ticks. */
export interface LinkFaults {
  /** Probability that a message is lost. */
  readonly dropRate: number;
  /** Probability that a message is delivered twice (the copy gets its own delay). */
  readonly duplicateRate: number;
  /** Probability that a message is held back up to `reorderDelayTicksMax` extra ticks, so later ones overtake it. */
  readonly reorderRate: number;
  readonly delayTicksMin: number;
  readonly delayTicksMax: number;
  readonly reorderDelayTicksMax: number;
}

/** Every message arrives, in order, within the tick it was sent. */
export const RELIABLE_LINK: LinkFaults = Object.freeze({
  dropRate: 0,
  duplicateRate: 0,
  reorderRate: 0,
  delayTicksMin: 0,
  delayTicksMax: 0,
  reorderDelayTicksMax: 0,
});

/** Roughly MIT 6.824's unreliable network: 10% loss, some delay, duplicates and reordering. */
export const UNRELIABLE_LINK: LinkFaults = Object.freeze({
  dropRate: 0.1,
  duplicateRate: 0.05,
  reorderRate: 0.1,
  delayTicksMin: 0,
  delayTicksMax: 2,
  reorderDelayTicksMax: 6,
});

export interface NetworkCounters {
  /** Messages handed to the network by nodes (duplicates not included). */
  sent: number;
  sentBytes: number;
  sentByType: Partial<Record<MessageType, number>>;
  delivered: number;
  /** Lost to `dropRate`. */
  dropped: number;
  /** Lost because a partition or a disconnect cut the link at delivery time. */
  blocked: number;
  /** Lost because the receiver was down at delivery time. */
  toDownNode: number;
  duplicated: number;
  reordered: number;
  /** Messages that waited at least one tick. */
  delayed: number;
}

interface Envelope {
  readonly message: Message;
  readonly deliverAtTick: number;
  readonly seq: number;
}

/** A rough wire size, so scenario tests can bound bytes as well as message counts. */
export function approximateMessageBytes(m: Message): number {
  const headerBytes = 48;
  const entryHeaderBytes = 24;
  let bytes = headerBytes + (m.context?.byteLength ?? 0);
  for (const e of m.entries) bytes += entryHeaderBytes + e.data.byteLength;
  if (m.snapshot) bytes += 64 + m.snapshot.data.byteLength;
  return bytes;
}

function linkKey(from: NodeId, to: NodeId): string {
  return `${from}\u0000${to}`;
}

function freshCounters(): NetworkCounters {
  return { sent: 0, sentBytes: 0, sentByType: {}, delivered: 0, dropped: 0, blocked: 0, toDownNode: 0, duplicated: 0, reordered: 0, delayed: 0 };
}

/**
 * The simulated network: directed links with faults, plus link cuts (partitions and disconnected
 * nodes). Cuts are checked when a message is due, so a message in flight when a partition starts is
 * lost, and one in flight when it heals arrives: as on a real network.
 */
export class SimNetwork {
  readonly counters: NetworkCounters = freshCounters();
  private readonly nodeIds: ReadonlySet<NodeId>;
  private defaultFaults: LinkFaults = RELIABLE_LINK;
  private readonly faultsByLink = new Map<string, LinkFaults>();
  private readonly cutLinks = new Set<string>();
  private readonly disconnected = new Set<NodeId>();
  private readonly queueByTick = new Map<number, Envelope[]>();
  private nextSeq = 0;
  private inFlight = 0;
  private dropPredicate: ((m: Message) => boolean) | undefined;

  constructor(
    nodeIds: readonly NodeId[],
    private readonly random: Random,
  ) {
    this.nodeIds = new Set(nodeIds);
  }

  get messagesInFlight(): number {
    return this.inFlight;
  }

  /** Faults of every link without its own setting. */
  setFaults(faults: LinkFaults): void {
    this.defaultFaults = faults;
  }

  get faults(): LinkFaults {
    return this.defaultFaults;
  }

  /**
   * Lose every message matching `predicate` at delivery (undefined clears it): scenario tests use it to
   * cut exactly one kind of traffic, e.g. a new leader's no-op to one follower (Figure 8).
   */
  dropWhere(predicate: ((m: Message) => boolean) | undefined): void {
    this.dropPredicate = predicate;
  }

  setLinkFaults(from: NodeId, to: NodeId, faults: LinkFaults | undefined): void {
    this.requireNodes([from, to]);
    if (faults) this.faultsByLink.set(linkKey(from, to), faults);
    else this.faultsByLink.delete(linkKey(from, to));
  }

  send(message: Message, nowTick: number): void {
    const c = this.counters;
    c.sent++;
    c.sentBytes += approximateMessageBytes(message);
    c.sentByType[message.type] = (c.sentByType[message.type] ?? 0) + 1;
    const faults = this.faultsByLink.get(linkKey(message.from, message.to)) ?? this.defaultFaults;
    if (this.random.chance(faults.dropRate)) {
      c.dropped++;
      return;
    }
    const copies = this.random.chance(faults.duplicateRate) ? 2 : 1;
    if (copies === 2) c.duplicated++;
    for (let k = 0; k < copies; k++) {
      let delayTicks = this.random.between(faults.delayTicksMin, Math.max(faults.delayTicksMin, faults.delayTicksMax));
      if (faults.reorderDelayTicksMax > 0 && this.random.chance(faults.reorderRate)) {
        delayTicks += this.random.between(1, faults.reorderDelayTicksMax);
        c.reordered++;
      }
      if (delayTicks > 0) c.delayed++;
      this.enqueue({ message, deliverAtTick: nowTick + delayTicks, seq: this.nextSeq++ });
    }
  }

  private enqueue(envelope: Envelope): void {
    let bucket = this.queueByTick.get(envelope.deliverAtTick);
    if (!bucket) this.queueByTick.set(envelope.deliverAtTick, (bucket = []));
    bucket.push(envelope);
    this.inFlight++;
  }

  /**
   * Removes and returns the messages due at or before `nowTick` whose link is not cut, in
   * (due tick, send order) order. Messages on cut links are counted and dropped.
   */
  takeDue(nowTick: number): Message[] {
    const dueTicks = [...this.queueByTick.keys()].filter((t) => t <= nowTick).sort((x, y) => x - y);
    const out: Message[] = [];
    for (const t of dueTicks) {
      const bucket = this.queueByTick.get(t)!;
      this.queueByTick.delete(t);
      this.inFlight -= bucket.length;
      for (const env of bucket) {
        if (this.isLinkUp(env.message.from, env.message.to) && !this.dropPredicate?.(env.message)) out.push(env.message);
        else this.counters.blocked++;
      }
    }
    return out;
  }

  /** Lose every message from `from` still in flight (a crash takes the sender's unsent buffers with it). */
  dropInFlightFrom(from: NodeId): number {
    let lost = 0;
    for (const [t, bucket] of this.queueByTick) {
      const kept = bucket.filter((env) => env.message.from !== from);
      lost += bucket.length - kept.length;
      if (kept.length > 0) this.queueByTick.set(t, kept);
      else this.queueByTick.delete(t);
    }
    this.inFlight -= lost;
    this.counters.dropped += lost;
    return lost;
  }

  /** Messages not yet due (for tests that want the network to drain). */
  clearInFlight(): void {
    this.queueByTick.clear();
    this.inFlight = 0;
  }

  isLinkUp(from: NodeId, to: NodeId): boolean {
    return !this.disconnected.has(from) && !this.disconnected.has(to) && !this.cutLinks.has(linkKey(from, to));
  }

  isConnected(id: NodeId): boolean {
    return !this.disconnected.has(id);
  }

  /** Cut every link to and from `id` (MIT 6.824's disconnect). */
  disconnect(id: NodeId): void {
    this.requireNodes([id]);
    this.disconnected.add(id);
  }

  connect(id: NodeId): void {
    this.requireNodes([id]);
    this.disconnected.delete(id);
  }

  /** Symmetric partition: nodes talk only within their group. Nodes in no group keep all their links. */
  partition(groups: readonly (readonly NodeId[])[]): void {
    groups.forEach((g) => this.requireNodes(g));
    for (let i = 0; i < groups.length; i++) {
      for (let j = 0; j < groups.length; j++) {
        if (i !== j) this.cutAll(groups[i]!, groups[j]!);
      }
    }
  }

  /** One-way partition: messages from `from` to `to` are lost; the reverse direction still works. */
  partitionOneWay(from: readonly NodeId[], to: readonly NodeId[]): void {
    this.requireNodes([...from, ...to]);
    this.cutAll(from, to);
  }

  /**
   * Bridge partition: `left` and `right` cannot talk to each other, but `bridge` talks to both (the
   * topology that makes a node see two leaders' worth of traffic).
   */
  partitionBridge(left: readonly NodeId[], right: readonly NodeId[], bridge: NodeId): void {
    if (left.includes(bridge) || right.includes(bridge)) throw new SimulationUsageError(`bridge ${bridge} must be in neither half`);
    this.partition([left, right]);
  }

  /** Remove every partition (disconnected nodes stay disconnected). */
  healPartitions(): void {
    this.cutLinks.clear();
  }

  /** Remove every partition and reconnect every node. */
  healAll(): void {
    this.cutLinks.clear();
    this.disconnected.clear();
  }

  get partitioned(): boolean {
    return this.cutLinks.size > 0;
  }

  private cutAll(from: readonly NodeId[], to: readonly NodeId[]): void {
    for (const a of from) for (const b of to) if (a !== b) this.cutLinks.add(linkKey(a, b));
  }

  private requireNodes(ids: readonly NodeId[]): void {
    for (const id of ids) if (!this.nodeIds.has(id)) throw new SimulationUsageError(`unknown node ${JSON.stringify(id)}`);
  }
}
