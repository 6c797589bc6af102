import { InvariantError, LogStoreArgumentError } from '@raftbus/core';
import type { DiskFactory } from './disk.js';
import { SafetyViolation, SimulationViolation } from './errors.js';
import { Nemesis, randomRates, type NemesisRates } from './nemesis.js';
import type { CoreFactory, RaftTuning } from './node.js';
import { Random } from './random.js';
import { Simulation } from './simulation.js';

export interface SweepOptions {
  /** Cluster size. Default 5. */
  readonly nodes?: number;
  /** Ticks of chaos before the heal phase. Default DEFAULT_SWEEP_TICKS. */
  readonly ticks?: number;
  readonly coreFactory?: CoreFactory;
  readonly diskFactory?: DiskFactory;
  /** Default true; a planted-bug test turns it off to see whether the consequences are caught too. */
  readonly checkSendDurability?: boolean;
  /** Fault rates applied over the per-seed random draw. */
  readonly rates?: Partial<NemesisRates>;
  /** Protocol tuning applied over the per-seed random draw. */
  readonly raft?: RaftTuning;
  /** Event trace of the run (for replays). */
  readonly trace?: (line: string) => void;
}

/** What one seed did: faults by kind, and how much got done. */
export interface SeedFigures {
  ticks: number;
  messages: number;
  drop: number;
  dup: number;
  reorder: number;
  partition: number;
  disconnect: number;
  crash: number;
  crashMidWrite: number;
  transfer: number;
  campaign: number;
  readIndex: number;
  readsServed: number;
  snapshotsInstalled: number;
  elections: number;
  commits: number;
}

export interface SeedResult {
  readonly seed: number;
  readonly nodes: number;
  readonly figures: SeedFigures;
  readonly violation?: SimulationViolation;
  /** The run's randomly drawn configuration, for the report. */
  readonly config: string;
}

export const ELECTION_TICKS = 10;
/** Ticks of faults per seed unless told otherwise (100 election timeouts: room for many leaders). */
export const DEFAULT_SWEEP_TICKS = 1000;
export const DEFAULT_SWEEP_NODES = 5;
/** After healing, a fresh proposal must commit within this many election timeouts. */
const HEAL_COMMIT_ELECTION_TIMEOUTS = 40;
/** …and every node must have applied everything within this many more. */
const HEAL_CONVERGE_ELECTION_TIMEOUTS = 40;
/** A heal-phase proposal that has not committed after this many election timeouts is proposed again. */
const HEAL_REPROPOSE_ELECTION_TIMEOUTS = 3;

interface SeedConfig {
  readonly raft: RaftTuning;
  readonly snapshotEveryEntries: number;
}

/** Protocol tuning varies per seed, so message splitting, flow control and compaction all get exercised. */
function drawConfig(random: Random): SeedConfig {
  return {
    raft: {
      electionTicks: ELECTION_TICKS,
      heartbeatTicks: random.pick([1, 1, 2, 3]),
      preVote: random.chance(0.8),
      checkQuorum: random.chance(0.8),
      maxMessageEntries: random.pick([1, 2, 4, 64]),
      maxInflightMessages: random.pick([1, 2, 8, 256]),
    },
    snapshotEveryEntries: random.pick([0, 4, 10, 30]),
  };
}

function describe(c: SeedConfig): string {
  const r = c.raft;
  return `heartbeat=${r.heartbeatTicks} preVote=${r.preVote} checkQuorum=${r.checkQuorum} entries/msg=${r.maxMessageEntries} inflight=${r.maxInflightMessages} snapshotEvery=${c.snapshotEveryEntries}`;
}

/** Anything thrown during a run is a finding: a core assertion or a crash is reported like a violation. */
function asViolation(e: unknown, sim: Simulation | undefined, seed: number): SimulationViolation {
  if (e instanceof SimulationViolation) return e;
  const site = { seed, tick: sim?.now ?? 0, nodes: sim?.ids ?? [] };
  if (e instanceof InvariantError) return new SafetyViolation(`core-invariant:${e.invariant}`, site, e.message);
  if (e instanceof LogStoreArgumentError) return new SafetyViolation(`log-store-contract:${e.argument}`, site, e.message);
  const detail = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
  return new SafetyViolation('unexpected-error', site, detail);
}

/**
 * One randomized run: chaos of every kind for `ticks`, then heal everything and require that a new
 * proposal commits and every node converges within bounds. Never throws; a violation is in the result.
 */
export function runSeed(seed: number, options: SweepOptions = {}): SeedResult {
  const nodes = options.nodes ?? DEFAULT_SWEEP_NODES;
  const ticks = options.ticks ?? DEFAULT_SWEEP_TICKS;
  const profile = new Random(seed ^ 0x5ee_d5ee);
  const drawn = drawConfig(profile);
  const config = { ...drawn, raft: { ...drawn.raft, ...options.raft } };
  let sim: Simulation | undefined;
  let nemesis: Nemesis | undefined;
  let violation: SimulationViolation | undefined;
  try {
    sim = new Simulation({
      nodes,
      seed,
      raft: config.raft,
      snapshotEveryEntries: config.snapshotEveryEntries,
      ...(options.coreFactory ? { coreFactory: options.coreFactory } : {}),
      ...(options.diskFactory ? { diskFactory: options.diskFactory } : {}),
      checkSendDurability: options.checkSendDurability ?? true,
      ...(options.trace ? { trace: options.trace } : {}),
    });
    nemesis = new Nemesis(sim, profile.fork(), { ...randomRates(profile), ...options.rates });
    for (let t = 0; t < ticks; t++) {
      nemesis.step();
      sim.tick();
    }
    sim.trace('heal phase');
    nemesis.healAll();
    requireCommitAfterHeal(sim);
    sim.awaitConvergence(HEAL_CONVERGE_ELECTION_TIMEOUTS * ELECTION_TICKS);
  } catch (e) {
    violation = asViolation(e, sim, seed);
  }
  return { seed, nodes, figures: collectFigures(sim, nemesis), config: describe(config), ...(violation ? { violation } : {}) };
}

/** Liveness: once everything is healed, a new command commits within a bound. */
function requireCommitAfterHeal(sim: Simulation): void {
  const command = new TextEncoder().encode(`heal${sim.seed}`);
  const attempts: number[] = [];
  let lastAttemptTick = -Infinity;
  const committed = (): boolean => attempts.some((i) => sameBytes(sim.appliedData.get(i), command));
  sim.runUntil(
    () => {
      if (committed()) return true;
      const leader = sim.leader();
      if (leader && sim.now - lastAttemptTick >= HEAL_REPROPOSE_ELECTION_TIMEOUTS * ELECTION_TICKS) {
        const r = sim.propose(leader, command);
        if (r) {
          attempts.push(r.index);
          lastAttemptTick = sim.now;
        }
      }
      return false;
    },
    HEAL_COMMIT_ELECTION_TIMEOUTS * ELECTION_TICKS,
    'liveness-commit-after-heal',
  );
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function collectFigures(sim: Simulation | undefined, nemesis: Nemesis | undefined): SeedFigures {
  const net = sim?.network.counters;
  const nc = nemesis?.counters;
  const nodes = sim?.nodes ?? [];
  return {
    ticks: sim?.now ?? 0,
    messages: net?.sent ?? 0,
    drop: net?.dropped ?? 0,
    dup: net?.duplicated ?? 0,
    reorder: net?.reordered ?? 0,
    partition: nc ? nc.partitionSymmetric + nc.partitionOneWay + nc.partitionBridge : 0,
    disconnect: nc?.disconnects ?? 0,
    crash: nc?.crashes ?? 0,
    crashMidWrite: nc?.crashesMidWrite ?? 0,
    transfer: nc?.transfers ?? 0,
    campaign: nc?.campaigns ?? 0,
    readIndex: nc?.readsIssued ?? 0,
    readsServed: nodes.reduce((s, n) => s + n.counters.readsServed, 0),
    snapshotsInstalled: nodes.reduce((s, n) => s + n.counters.snapshotsInstalled, 0),
    elections: sim?.checker.figures.leadersElected ?? 0,
    commits: sim?.checker.figures.committedEntries ?? 0,
  };
}

/** Adds `b` into `a` (for totals over many seeds). */
export function addFigures(a: SeedFigures, b: SeedFigures): SeedFigures {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof SeedFigures)[]) out[k] += b[k];
  return out;
}

export function emptyFigures(): SeedFigures {
  return collectFigures(undefined, undefined);
}
