// RaftNodes in one process over a MemoryNetwork, each with a MemoryLogStorage that outlives it, so a test
// can stop the cluster and start it again over the same "disks". For testing a state machine on a real
// (in-process) cluster; `simulate()` is the tool for faults and linearizability.
import { MemoryLogStorage, MemoryLogStore, MemoryNetwork, MemoryTransport, RaftNode, type RaftNodeOptions } from '@raftbus/core';
import type { StateMachineDefinition } from '@raftbus/state-machine';

/** Bound on waiting for an agreed leader, and the poll interval. */
const LEADER_WAIT_MS_MAX = 5_000;
const POLL_MS = 5;

export class InProcessCluster<C, R, Q, QR> {
  readonly network = new MemoryNetwork();
  readonly storages: MemoryLogStorage[];
  nodes: RaftNode<C, R, Q, QR>[] = [];

  constructor(
    private readonly definition: StateMachineDefinition<C, R, Q, QR>,
    private readonly options: Partial<RaftNodeOptions<C, R, Q, QR>> = {},
    /** Member ids (default three nodes). */
    readonly ids: readonly string[] = ['n1', 'n2', 'n3'],
  ) {
    this.storages = this.ids.map(() => new MemoryLogStorage());
  }

  /** Start every node over its storage (a restart, if it ran before). */
  async start(): Promise<void> {
    this.nodes = this.ids.map(
      (id, k) =>
        new RaftNode({
          id,
          peers: [...this.ids],
          logStore: new MemoryLogStore(this.storages[k]),
          transport: new MemoryTransport(this.network),
          stateMachine: this.definition,
          tickMs: 5,
          electionTicks: 10,
          ...this.options,
        }),
    );
    await Promise.all(this.nodes.map((n) => n.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }

  async leader(): Promise<RaftNode<C, R, Q, QR>> {
    const until = Date.now() + LEADER_WAIT_MS_MAX;
    while (Date.now() < until) {
      const leaders = this.nodes.filter((n) => n.isLeader);
      if (leaders.length === 1 && this.nodes.every((n) => n.leader === leaders[0]!.id)) return leaders[0]!;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`no agreed leader within ${LEADER_WAIT_MS_MAX} ms`);
  }

  async follower(): Promise<RaftNode<C, R, Q, QR>> {
    const leader = await this.leader();
    return this.nodes.find((n) => n !== leader)!;
  }
}

/** Poll `probe` until it returns true, at most `timeoutMs`. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 2));
  }
  return probe();
}
