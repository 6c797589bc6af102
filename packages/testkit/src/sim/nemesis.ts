import type { NodeId } from '@raftbus/core';
import type { LinkFaults } from './network.js';
import { RELIABLE_LINK } from './network.js';
import type { Random } from './random.js';
import type { SimNode } from './node.js';
import type { Simulation } from './simulation.js';

/** Faults the nemesis injected, by kind (network-level drops and duplicates are counted by the network). */
export interface NemesisCounters {
  networkProfiles: number;
  linkFaults: number;
  partitionSymmetric: number;
  partitionOneWay: number;
  partitionBridge: number;
  disconnects: number;
  crashes: number;
  crashesMidWrite: number;
  crashesOfLeader: number;
  restarts: number;
  diskLatencyChanges: number;
  transfers: number;
  campaigns: number;
  readsIssued: number;
  proposals: number;
}

/** Per-tick probabilities of each fault; a sweep draws a profile per seed so seeds differ in kind too. */
export interface NemesisRates {
  readonly networkProfile: number;
  readonly linkFault: number;
  readonly partition: number;
  readonly disconnect: number;
  readonly crash: number;
  /** MIT's Figure 8 test: crash whichever node leads (and keep a majority up by restarting others). */
  readonly leaderCrash: number;
  readonly diskLatency: number;
  readonly transfer: number;
  readonly campaign: number;
  readonly read: number;
  readonly propose: number;
}

/** Upper bounds on how long a fault lasts, in ticks. */
const PARTITION_TICKS_MAX = 80;
const DISCONNECT_TICKS_MAX = 60;
const DOWN_TICKS_MAX = 60;
const LINK_FAULT_TICKS_MAX = 60;
const DISK_LATENCY_TICKS_MAX = 3;
/** Commands per proposal batch. */
const PROPOSAL_BATCH_MAX = 3;
/** Bound on scheduled repairs pending at once (each fault schedules at most one). */
const SCHEDULED_ACTIONS_MAX = 256;

interface Scheduled {
  readonly atTick: number;
  readonly action: () => void;
}

function freshCounters(): NemesisCounters {
  return {
    networkProfiles: 0,
    linkFaults: 0,
    partitionSymmetric: 0,
    partitionOneWay: 0,
    partitionBridge: 0,
    disconnects: 0,
    crashes: 0,
    crashesMidWrite: 0,
    crashesOfLeader: 0,
    restarts: 0,
    diskLatencyChanges: 0,
    transfers: 0,
    campaigns: 0,
    readsIssued: 0,
    proposals: 0,
  };
}

/** Draws the per-seed fault mix: each kind is off, light or heavy. */
export function randomRates(random: Random): NemesisRates {
  const level = (light: number, heavy: number): number => [0, light, heavy][random.int(3)]!;
  // Figure 8 mode (MIT's TestFigure8): leaders crash young while clients keep proposing.
  const figure8 = random.chance(0.4);
  return {
    networkProfile: level(0.01, 0.04),
    linkFault: level(0.01, 0.03),
    partition: level(0.01, 0.04),
    disconnect: level(0.005, 0.02),
    // The top level is MIT's Figure 8 test: leaders rarely live long enough to replicate their no-op.
    crash: level(0.01, 0.04),
    leaderCrash: figure8 ? 0.1 + 0.3 * random.float() : 0,
    diskLatency: level(0.01, 0.05),
    transfer: level(0.005, 0.02),
    campaign: level(0.002, 0.01),
    read: level(0.05, 0.2),
    propose: figure8 ? 0.9 : 0.1 + 0.4 * random.float(),
  };
}

/**
 * The fault injector of the randomized sweep: every tick it may change the network's behaviour,
 * partition (symmetric, one-way, bridge), disconnect, crash (preferring nodes with a write in flight,
 * or the leader), change disk latency, transfer leadership, force a campaign, issue reads and propose.
 * Each fault schedules its own repair.
 */
export class Nemesis {
  readonly counters: NemesisCounters = freshCounters();
  private scheduled: Scheduled[] = [];
  private partitionActive = false;
  private nextCommand = 0;
  private nextRead = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly random: Random,
    private readonly rates: NemesisRates,
  ) {
    // As in MIT's Figure 8 test, messages take about as long as a leader lives, so a new leader's
    // first appends (its no-op) are often still in flight when it dies.
    if (rates.leaderCrash > 0) sim.network.setFaults({ ...RELIABLE_LINK, delayTicksMin: 1, delayTicksMax: 1 + random.int(3), dropRate: 0.05 * random.float() });
  }

  /** One tick's worth of chaos: due repairs first, then new faults. */
  step(): void {
    const now = this.sim.now;
    const due = this.scheduled.filter((s) => s.atTick <= now);
    this.scheduled = this.scheduled.filter((s) => s.atTick > now);
    for (const s of due) s.action();
    const r = this.random;
    const rates = this.rates;
    if (r.chance(rates.networkProfile)) this.changeNetworkProfile();
    if (r.chance(rates.linkFault)) this.faultOneLink();
    if (!this.partitionActive && r.chance(rates.partition)) this.partition();
    if (r.chance(rates.disconnect)) this.disconnectOne();
    if (r.chance(rates.crash)) this.crashOne();
    if (rates.leaderCrash > 0) this.figure8(rates.leaderCrash);
    if (r.chance(rates.diskLatency)) this.changeDiskLatency();
    if (r.chance(rates.transfer)) this.transfer();
    if (r.chance(rates.campaign)) this.forceCampaign();
    if (r.chance(rates.read)) this.read();
    if (r.chance(rates.propose)) this.propose();
  }

  /** Undo every fault: network healed and reliable, every node up, disks fast. */
  healAll(): void {
    this.scheduled = [];
    this.partitionActive = false;
    this.sim.healNetwork();
    for (const node of this.sim.nodes) {
      this.restart(node);
      node.diskLatencyTicks = 0;
    }
  }

  private schedule(afterTicks: number, action: () => void): void {
    if (this.scheduled.length >= SCHEDULED_ACTIONS_MAX) {
      action(); // repair at once rather than grow the queue
      return;
    }
    this.scheduled.push({ atTick: this.sim.now + afterTicks, action });
  }

  private randomFaults(): LinkFaults {
    const r = this.random;
    const delayTicksMax = r.int(4);
    return {
      dropRate: r.float() * 0.3,
      duplicateRate: r.float() * 0.15,
      reorderRate: r.float() * 0.3,
      delayTicksMin: r.int(delayTicksMax + 1),
      delayTicksMax,
      reorderDelayTicksMax: r.between(1, 8),
    };
  }

  private changeNetworkProfile(): void {
    this.counters.networkProfiles++;
    const faults = this.random.chance(0.3) ? RELIABLE_LINK : this.randomFaults();
    this.sim.trace(`nemesis network ${JSON.stringify(faults)}`);
    this.sim.network.setFaults(faults);
  }

  private faultOneLink(): void {
    const [from, to] = this.random.shuffled(this.sim.ids);
    if (!from || !to) return;
    this.counters.linkFaults++;
    this.sim.trace(`nemesis lossy link ${from}->${to}`);
    this.sim.network.setLinkFaults(from, to, { ...this.randomFaults(), dropRate: 0.5 + this.random.float() * 0.5 });
    this.schedule(this.random.between(1, LINK_FAULT_TICKS_MAX), () => this.sim.network.setLinkFaults(from, to, undefined));
  }

  private partition(): void {
    const ids = this.random.shuffled(this.sim.ids);
    if (ids.length < 2) return;
    const net = this.sim.network;
    const kind = this.random.int(3);
    if (kind === 0) {
      const cut = this.random.between(1, ids.length - 1);
      net.partition([ids.slice(0, cut), ids.slice(cut)]);
      this.sim.trace(`nemesis partition ${ids.slice(0, cut)} | ${ids.slice(cut)}`);
      this.counters.partitionSymmetric++;
    } else if (kind === 1) {
      const cut = this.random.between(1, ids.length - 1);
      net.partitionOneWay(ids.slice(0, cut), ids.slice(cut));
      this.sim.trace(`nemesis one-way partition ${ids.slice(0, cut)} -/-> ${ids.slice(cut)}`);
      this.counters.partitionOneWay++;
    } else {
      if (ids.length < 3) return;
      const [bridge, ...rest] = ids;
      const cut = this.random.between(1, rest.length - 1);
      net.partitionBridge(rest.slice(0, cut), rest.slice(cut), bridge!);
      this.sim.trace(`nemesis bridge partition ${rest.slice(0, cut)} | ${rest.slice(cut)} via ${bridge}`);
      this.counters.partitionBridge++;
    }
    this.partitionActive = true;
    this.schedule(this.random.between(1, PARTITION_TICKS_MAX), () => {
      net.healPartitions();
      this.sim.trace('nemesis heal partition');
      this.partitionActive = false;
    });
  }

  private disconnectOne(): void {
    const id = this.random.pick(this.sim.ids);
    if (!this.sim.network.isConnected(id)) return;
    this.counters.disconnects++;
    this.sim.disconnect(id);
    this.sim.trace(`nemesis disconnect ${id}`);
    this.schedule(this.random.between(1, DISCONNECT_TICKS_MAX), () => {
      this.sim.connect(id);
      this.sim.trace(`nemesis connect ${id}`);
    });
  }

  private crashOne(): void {
    const up = this.sim.upNodes();
    if (up.length === 0) return;
    const midWrite = up.filter((n) => n.writeInFlight);
    const leaders = up.filter((n) => n.role === 'leader');
    const choice = this.random.float();
    const victim =
      choice < 0.4 && midWrite.length > 0 ? this.random.pick(midWrite) : choice < 0.7 && leaders.length > 0 ? this.random.pick(leaders) : this.random.pick(up);
    this.crash(victim, this.random.between(0, DOWN_TICKS_MAX));
  }

  private crash(victim: SimNode, downTicks: number): void {
    this.counters.crashes++;
    if (victim.writeInFlight) this.counters.crashesMidWrite++;
    if (victim.role === 'leader') this.counters.crashesOfLeader++;
    victim.crash();
    // Half the time the crash also loses what the node had sent but the network had not delivered.
    if (this.random.chance(0.5)) this.sim.network.dropInFlightFrom(victim.id);
    this.schedule(downTicks, () => this.restart(victim));
  }

  private restart(node: SimNode): void {
    if (node.up) return;
    node.restart();
    this.counters.restarts++;
  }

  /** Leaders die young, so logs diverge at the same indices across terms (the Figure 8 hazard). */
  private figure8(leaderCrashRate: number): void {
    const up = this.sim.upNodes();
    const leader = up.find((n) => n.role === 'leader');
    if (leader && this.random.chance(leaderCrashRate)) this.crash(leader, this.random.between(1, DOWN_TICKS_MAX));
    const majority = Math.floor(this.sim.ids.length / 2) + 1;
    const down = this.sim.nodes.filter((n) => !n.up);
    if (this.sim.upNodes().length < majority && down.length > 0) this.restart(this.random.pick(down));
  }

  private changeDiskLatency(): void {
    const node = this.random.pick(this.sim.nodes);
    node.diskLatencyTicks = this.random.int(DISK_LATENCY_TICKS_MAX + 1);
    this.sim.trace(`nemesis disk latency ${node.id} ${node.diskLatencyTicks}`);
    this.counters.diskLatencyChanges++;
  }

  private transfer(): void {
    const leader = this.sim.upNodes().find((n) => n.role === 'leader');
    const others = this.sim.ids.filter((id) => id !== leader?.id);
    if (!leader || others.length === 0) return;
    const target = this.random.pick(others);
    const via = this.random.chance(0.7) ? leader.id : this.random.pick(this.sim.ids);
    this.sim.trace(`nemesis transfer via ${via} to ${target}`);
    if (this.sim.transferLeadership(via, target)) this.counters.transfers++;
  }

  private forceCampaign(): void {
    const candidates = this.sim.upNodes().filter((n) => n.role !== 'leader');
    if (candidates.length === 0) return;
    const node = this.random.pick(candidates);
    this.sim.trace(`nemesis campaign ${node.id}`);
    node.raft.campaign();
    this.counters.campaigns++;
  }

  private read(): void {
    const up = this.sim.upNodes();
    if (up.length === 0) return;
    if (this.sim.readIndex(this.random.pick(up).id, `r${this.sim.seed}.${this.nextRead++}`)) this.counters.readsIssued++;
  }

  private propose(): void {
    const leaders: NodeId[] = this.sim.upNodes().filter((n) => n.role === 'leader').map((n) => n.id);
    if (leaders.length === 0) return;
    const id = this.random.pick(leaders);
    const batch = this.random.between(1, PROPOSAL_BATCH_MAX);
    for (let k = 0; k < batch; k++) {
      if (this.sim.propose(id, new TextEncoder().encode(`c${this.sim.seed}.${this.nextCommand++}`))) this.counters.proposals++;
    }
  }
}
