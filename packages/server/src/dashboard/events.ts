import type { Metrics, NodeId, Role } from '@raftbus/core';

export type NodeEventKind = 'started' | 'election' | 'leader' | 'leaderLost' | 'stepDown' | 'term' | 'snapshot' | 'snapshotInstalled';

/** One thing that happened on a node, for the dashboard's timeline. */
export interface NodeEvent {
  /** Increases by one per event within one process (see `EventRing.epoch`). */
  readonly seq: number;
  /** Wall-clock time (ms since the epoch) on this node. */
  readonly timeMs: number;
  readonly node: NodeId;
  readonly kind: NodeEventKind;
  readonly term: number;
  readonly leader?: NodeId;
  readonly role?: Role;
  readonly index?: number;
  readonly bytes?: number;
}

export const EVENT_RING_CAPACITY = 512;

/**
 * The last EVENT_RING_CAPACITY events of this node, in memory only (a restart starts a new ring with a
 * new epoch, so a reader's cursor from an earlier process is recognised as stale).
 */
export class EventRing {
  readonly epoch = `${process.pid}-${Date.now()}`;
  private readonly events: NodeEvent[] = [];
  private nextSeq = 1;
  private readonly listeners = new Set<(e: NodeEvent) => void>();

  constructor(private readonly capacity = EVENT_RING_CAPACITY) {}

  push(e: Omit<NodeEvent, 'seq' | 'timeMs'>): NodeEvent {
    const event: NodeEvent = { seq: this.nextSeq++, timeMs: Date.now(), ...e };
    this.events.push(event);
    if (this.events.length > this.capacity) this.events.shift();
    for (const l of this.listeners) l(event);
    return event;
  }

  /** Events with seq > `after`, oldest first; at most `limit`, the newest ones when there are more. */
  since(after: number, limit: number): NodeEvent[] {
    const first = this.events.findIndex((e) => e.seq > after);
    if (first < 0) return [];
    return this.events.slice(Math.max(first, this.events.length - limit));
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  onEvent(listener: (e: NodeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * A Metrics sink that turns what the node reports into timeline events: elections started, leaders
 * seen and lost, stepping down, terms that rose without any of those (repeated elections), snapshots.
 * Calls arrive per Ready, so the comparisons here are the whole cost.
 */
export class EventRecorder implements Metrics {
  private role: Role | undefined;
  private leader: NodeId = '';
  private term = 0;
  /** Highest term an event was recorded in, so a term rise already explained is not recorded twice. */
  private eventTerm = 0;

  constructor(
    private readonly node: NodeId,
    private readonly ring: EventRing,
  ) {}

  started(term: number, role: Role, leader: NodeId): void {
    this.role = role;
    this.leader = leader;
    this.term = term;
    this.record({ kind: 'started', term, role });
  }

  roleChanged(role: Role, leader: NodeId, term: number): void {
    const wasLeader = this.role === 'leader';
    if ((role === 'candidate' || role === 'preCandidate') && role !== this.role) this.record({ kind: 'election', term, role });
    if (wasLeader && role !== 'leader') this.record({ kind: 'stepDown', term, role });
    if (leader !== this.leader) this.record(leader === '' ? { kind: 'leaderLost', term, leader: this.leader } : { kind: 'leader', term, leader });
    this.role = role;
    this.leader = leader;
    this.term = Math.max(this.term, term);
  }

  indexes(_commit: number, _applied: number, term: number): void {
    if (term <= this.term) return;
    this.term = term;
    if (term > this.eventTerm) this.record({ kind: 'term', term, ...(this.role ? { role: this.role } : {}) });
  }

  snapshotTaken(index: number, bytes: number): void {
    this.record({ kind: 'snapshot', term: this.term, index, bytes });
  }

  snapshotInstalled(index: number, bytes: number): void {
    this.record({ kind: 'snapshotInstalled', term: this.term, index, bytes });
  }

  private record(e: Omit<NodeEvent, 'seq' | 'timeMs' | 'node'>): void {
    this.eventTerm = Math.max(this.eventTerm, e.term);
    this.ring.push({ node: this.node, ...e });
  }
}

// Exhaustive by construction: a method added to Metrics without being listed here fails to compile, and
// so does one with more than the three arguments teeMetrics forwards.
type ListedMethods = { [K in keyof Metrics]-?: Parameters<NonNullable<Metrics[K]>>['length'] extends 0 | 1 | 2 | 3 ? true : never };
const METRICS_METHODS: ListedMethods = {
  roleChanged: true,
  indexes: true,
  logWrite: true,
  applied: true,
  proposalCommitted: true,
  proposalFailed: true,
  proposalsPending: true,
  snapshotTaken: true,
  snapshotInstalled: true,
  peerRoundTrip: true,
  followerLag: true,
};

type Forward = (x?: unknown, y?: unknown, z?: unknown) => void;

/**
 * One Metrics that reports to both sinks. Only methods at least one sink has are defined, because the
 * node skips work (RTT bookkeeping, lag) for methods nobody implements.
 */
export function teeMetrics(a: Metrics, b: Metrics): Metrics {
  const out: Record<string, (...args: never[]) => void> = {};
  for (const key of Object.keys(METRICS_METHODS) as Array<keyof Metrics>) {
    const fa = a[key]?.bind(a) as Forward | undefined;
    const fb = b[key]?.bind(b) as Forward | undefined;
    if (fa && fb) {
      // Fixed arity (every Metrics method takes at most three arguments): a rest parameter would
      // allocate an array per call, and some of these run once per proposal.
      out[key] = (x?: unknown, y?: unknown, z?: unknown) => {
        fa(x, y, z);
        fb(x, y, z);
      };
    } else if (fa ?? fb) {
      out[key] = (fa ?? fb)!;
    }
  }
  return out as Metrics;
}
