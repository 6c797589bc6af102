// A small synchronous driver for unit tests of the protocol core: persists every Ready in memory,
// delivers messages immediately (unless a link is cut), applies committed entries. The deterministic
// simulator with faults lives in @raftbus/testkit; this is the minimum to test claims one by one.
import { RaftCore } from '../../src/protocol/raft.js';
import type { Entry, HardState, Message, NodeId, RaftOptions, Ready, Snapshot } from '../../src/protocol/types.js';

/** Deterministic RandomSource for tests (mulberry32). */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return {
    int(n: number): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
    },
    /** A float in [0, 1). */
    float(): number {
      return this.int(1_000_000_000) / 1_000_000_000;
    },
  };
}

export const enc = (s: string) => new TextEncoder().encode(s);
export const dec = (b: Uint8Array) => new TextDecoder().decode(b);

export interface Disk {
  hardState: HardState;
  entries: Entry[];
  snapshot?: Snapshot;
}

export function newCore(id: NodeId, voters: NodeId[], opts: Partial<RaftOptions> = {}, disk?: Disk): RaftCore {
  return new RaftCore(
    { id, random: seeded(id.charCodeAt(id.length - 1)), ...opts },
    {
      hardState: disk?.hardState ?? { term: 0, vote: '', commit: 0 },
      entries: disk?.entries ?? [],
      snapshot: disk?.snapshot,
      confState: { voters, learners: [], votersOutgoing: [] },
    },
  );
}

/** Apply a Ready to a disk the way a driver must (snapshot, then entries truncating, then hard state). */
export function persist(disk: Disk, rd: Ready): void {
  if (rd.snapshot) {
    // As the LogStore contract says: a snapshot that agrees with the stored log (same term at its index)
    // keeps the entries after it; any other replaces the whole log.
    const { index, term } = rd.snapshot.meta;
    const agrees = disk.entries.some((e) => e.index === index && e.term === term);
    disk.snapshot = rd.snapshot;
    disk.entries = agrees ? disk.entries.filter((e) => e.index > index) : [];
  }
  if (rd.entries.length > 0) {
    const first = rd.entries[0]!.index;
    disk.entries = disk.entries.filter((e) => e.index < first).concat(rd.entries);
  }
  if (rd.hardState) disk.hardState = rd.hardState;
}

/** Drain one node: persist, collect messages, advance. Returns the Ready's messages. */
export function drain(core: RaftCore, disk?: Disk, applied?: Entry[]): Message[] {
  const out: Message[] = [];
  while (core.hasReady()) {
    const rd = core.ready();
    out.push(...rd.messagesBeforePersist);
    if (disk) persist(disk, rd);
    out.push(...rd.messages);
    applied?.push(...rd.committedEntries);
    core.advance(rd);
  }
  return out;
}

export class Cluster {
  readonly cores = new Map<NodeId, RaftCore>();
  readonly disks = new Map<NodeId, Disk>();
  readonly applied = new Map<NodeId, Entry[]>();
  /** Cut links, as "from>to". */
  readonly cut = new Set<string>();
  readonly sent: Message[] = [];

  constructor(
    readonly ids: NodeId[],
    readonly opts: Partial<RaftOptions> = {},
  ) {
    for (const id of ids) this.start(id);
  }

  start(id: NodeId): RaftCore {
    const disk = this.disks.get(id) ?? { hardState: { term: 0, vote: '', commit: 0 }, entries: [] };
    this.disks.set(id, disk);
    const core = newCore(id, this.ids, this.opts, structuredClone(disk));
    this.cores.set(id, core);
    this.applied.set(id, []);
    return core;
  }

  core(id: NodeId): RaftCore {
    return this.cores.get(id)!;
  }

  isolate(id: NodeId): void {
    for (const o of this.ids) if (o !== id) this.cut.add(`${id}>${o}`).add(`${o}>${id}`);
  }

  heal(): void {
    this.cut.clear();
  }

  /** Deliver until no node has anything to do (bounded). */
  settle(maxRounds = 1000): void {
    for (let round = 0; round < maxRounds; round++) {
      const inFlight: Message[] = [];
      for (const [id, core] of this.cores) inFlight.push(...drain(core, this.disks.get(id), this.applied.get(id)));
      if (inFlight.length === 0) return;
      for (const m of inFlight) {
        this.sent.push(m);
        if (!this.cut.has(`${m.from}>${m.to}`)) this.cores.get(m.to)?.step(m);
      }
    }
    throw new Error(`cluster did not settle in ${maxRounds} rounds`);
  }

  tick(n = 1): void {
    for (let i = 0; i < n; i++) {
      for (const core of this.cores.values()) core.tick();
      this.settle();
    }
  }

  leader(): RaftCore | undefined {
    const leaders = [...this.cores.values()].filter((c) => c.role === 'leader');
    return leaders.sort((a, b) => b.term - a.term)[0];
  }

  /** Tick until some node leads (bounded). */
  elect(maxTicks = 200): RaftCore {
    for (let i = 0; i < maxTicks; i++) {
      const l = this.leader();
      if (l && [...this.cores.values()].every((c) => c.term <= l.term)) return l;
      this.tick();
    }
    throw new Error('no leader elected');
  }
}
