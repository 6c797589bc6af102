import type { NodeId } from '@raftbus/core';
import { SimulationViolation } from './errors.js';
import { Simulation, type SimulationOptions } from './simulation.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Scenario commands are small strings (MIT's tests use integers); this is their wire form. */
export function encodeCommand(value: number | string): Uint8Array {
  return encoder.encode(String(value));
}

export function decodeCommand(data: Uint8Array): string {
  return decoder.decode(data);
}

/** A scenario expectation did not hold (the MIT tester's t.Fatalf). */
export class ScenarioFailure extends SimulationViolation {
  constructor(property: string, sim: Simulation, detail: string) {
    super('SCENARIO_FAILURE', property, { seed: sim.seed, tick: sim.now, nodes: sim.ids }, detail);
  }
}

/**
 * The MIT 6.824 tester's vocabulary on top of the simulation: checkOneLeader, one(), nCommitted, …
 * Bounds are in ticks, scaled by electionTicks the way the MIT tester scales by its 1 s election
 * timeout (an election timeout here is electionTicks…2·electionTicks).
 */
export class Cluster extends Simulation {
  constructor(options: SimulationOptions = {}) {
    super(options);
  }

  /** MIT's "elections should complete in 5 s" ≈ five maximal election timeouts. */
  get electionBoundTicks(): number {
    return 10 * this.electionTicks;
  }

  /**
   * Waits (bounded) until a connected node leads with a term no connected node has passed, and returns
   * it. Election safety itself is checked on every step by the checkers.
   */
  checkOneLeader(maxTicks = this.electionBoundTicks): NodeId {
    let found: NodeId | undefined;
    this.runUntil(
      () => {
        const connected = this.connectedNodes();
        const leader = this.leader();
        if (!leader) return false;
        const term = this.node(leader).term;
        if (connected.some((n) => n.term > term)) return false;
        found = leader;
        return true;
      },
      maxTicks,
      'one-leader',
    );
    return found!;
  }

  /** No connected node believes it leads (checked now, without waiting). */
  checkNoLeader(): void {
    const leaders = this.connectedNodes().filter((n) => n.role === 'leader');
    if (leaders.length > 0) throw new ScenarioFailure('no-leader', this, `expected no leader, but ${leaders.map((n) => n.id).join(',')} lead`);
  }

  /** All connected nodes agree on the term; returns it. */
  checkTerms(): number {
    const terms = new Set(this.connectedNodes().map((n) => n.term));
    if (terms.size !== 1) throw new ScenarioFailure('terms-agree', this, `connected nodes are in terms ${[...terms].join(',')}`);
    return [...terms][0]!;
  }

  /** How many nodes have applied `index` (in this or an earlier life), and the command there. */
  nCommitted(index: number): { count: number; command: string | undefined } {
    const count = this.nodes.filter((n) => n.maxAppliedEver >= index).length;
    const data = this.appliedData.get(index);
    return { count, command: data === undefined ? undefined : decodeCommand(data) };
  }

  /** MIT's rf.Start on one node: propose if it leads. */
  start(id: NodeId, command: number | string): { index: number; term: number } | undefined {
    return this.propose(id, encodeCommand(command));
  }

  /**
   * MIT's one(): submit `command` to whichever connected node leads, wait for `expectedServers` nodes
   * to apply it, and, with `retry`, resubmit after a leader failure. Returns the index it committed at.
   */
  one(command: number | string, expectedServers: number, retry: boolean): number {
    const wanted = String(command);
    const totalBoundTicks = 20 * this.electionTicks * 2;
    const commitWaitTicks = 4 * this.electionTicks;
    const deadline = this.now + totalBoundTicks;
    let cursor = 0;
    while (this.now < deadline) {
      let index: number | undefined;
      for (let k = 0; k < this.ids.length && index === undefined; k++) {
        cursor = (cursor + 1) % this.ids.length;
        const node = this.node(this.ids[cursor]!);
        if (node.up && this.network.isConnected(node.id)) index = this.start(node.id, wanted)?.index;
      }
      if (index === undefined) {
        this.tick();
        continue;
      }
      const started = this.now;
      while (this.now - started < commitWaitTicks) {
        const { count, command: got } = this.nCommitted(index);
        if (count > 0 && count >= expectedServers && got === wanted) return index;
        this.tick();
      }
      if (!retry) break;
    }
    throw new ScenarioFailure('agreement', this, `one(${wanted}) failed to reach agreement on ${expectedServers} servers`);
  }

  /**
   * Concurrent clients in one tick (MIT's concurrent Start()s): propose every command to the current
   * leader at once, re-propose those whose index ends up holding something else, and wait until each is
   * applied on at least `expectedServers` nodes. Returns command → index.
   */
  agree(commands: readonly (number | string)[], expectedServers: number, maxTicks = 40 * this.electionTicks): Map<string, number> {
    const wanted = commands.map(String);
    const placed = new Map<string, number>();
    const done = new Map<string, number>();
    const retryAfterTicks = 4 * this.electionTicks;
    let placedAtTick = 0;
    this.runUntil(
      () => {
        if (this.now - placedAtTick > retryAfterTicks) placed.clear(); // the leader likely lost them
        for (const [command, index] of placed) {
          const { count, command: got } = this.nCommitted(index);
          if (got !== undefined && got !== command) placed.delete(command); // lost to another leader: retry
          else if (count >= expectedServers && got === command) {
            done.set(command, index);
            placed.delete(command);
          }
        }
        if (done.size === wanted.length) return true;
        const leader = this.leader();
        if (leader && placed.size === 0) {
          for (const command of wanted) {
            if (done.has(command)) continue;
            const r = this.start(leader, command);
            if (r) placed.set(command, r.index);
          }
          placedAtTick = this.now;
        }
        return false;
      },
      maxTicks,
      'agreement',
    );
    return done;
  }

  /** Wait (bounded) until at least `n` nodes applied `index`; returns the command there. */
  waitCommitted(index: number, n: number, maxTicks = this.electionBoundTicks): string | undefined {
    this.runUntil(() => this.nCommitted(index).count >= n, maxTicks, `commit-${index}-on-${n}`);
    return this.nCommitted(index).command;
  }
}
