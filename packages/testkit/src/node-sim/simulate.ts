import {
  MemoryLogStorage,
  MemoryLogStore,
  NotLeaderError,
  OutcomeUnknownError,
  OverloadedError,
  ProposalDroppedError,
  RaftNode,
  StoppedError,
  TimeoutError,
  type NodeId,
  type RaftNodeOptions,
} from '@raftbus/core';
import type { StateMachineDefinition } from '@raftbus/state-machine';
import { checkOperations } from '../linearizability/check.js';
import { HistoryRecorder } from '../linearizability/recorder.js';
import { renderCheckResult } from '../linearizability/render.js';
import type { Model } from '../linearizability/types.js';
import { Random } from '../sim/random.js';
import { CALM_NETWORK, VirtualNetwork, type NetworkFaults } from './network.js';
import { VirtualScheduler } from './scheduler.js';
import type { Workload } from './workload.js';

/** Which faults the nemesis injects, and how often it acts. */
export interface FaultPlan {
  /** Network faults while the nemesis runs (the heal phase is calm). */
  readonly network: NetworkFaults;
  readonly partitions: boolean;
  readonly crashes: boolean;
  /** Virtual milliseconds between nemesis actions. */
  readonly nemesisEveryMs: number;
}

export const DEFAULT_FAULTS: FaultPlan = {
  network: { dropProbability: 0.05, duplicateProbability: 0.03, delayMsMin: 0, delayMsMax: 8 },
  partitions: true,
  crashes: true,
  nemesisEveryMs: 250,
};

export interface SimulateOptions<C, R, Q, QR, I, O, S> {
  /** Your state machine: every node runs its own copy. */
  readonly stateMachine: StateMachineDefinition<C, R, Q, QR>;
  /** What clients do; give a factory if your workload keeps state (a fresh one per seed). */
  readonly workload: Workload<C, R, Q, QR, I, O> | (() => Workload<C, R, Q, QR, I, O>);
  /** The sequential specification the history must be linearizable against. */
  readonly model: Model<S, I, O>;
  /** How many seeds (starting at `from`), or the exact seeds. */
  readonly seeds: number | readonly number[];
  readonly from?: number;
  readonly nodes?: number;
  readonly clients?: number;
  /** Virtual milliseconds of faults and load, before the heal phase. */
  readonly durationMs?: number;
  readonly faults?: Partial<FaultPlan>;
  /** 'stale' serves reads without ReadIndex: a control run that the checker should catch. */
  readonly readConsistency?: 'linearizable' | 'stale';
  /** Overrides for every RaftNode (tick length, timeouts, snapshot interval …). */
  readonly node?: Partial<Omit<RaftNodeOptions<C, R, Q, QR>, 'id' | 'peers' | 'logStore' | 'transport' | 'stateMachine' | 'clock' | 'random'>>;
  /** Budget of the linearizability check of one history. */
  readonly checkTimeoutMs?: number;
  /** Called after each seed (progress reporting). */
  readonly onSeed?: (report: SeedReport) => void;
}

export interface SeedReport {
  readonly seed: number;
  /** 'ok', 'illegal' (not linearizable), 'unknown' (check budget exceeded) or 'stalled' (no progress after healing). */
  readonly verdict: 'ok' | 'illegal' | 'unknown' | 'stalled';
  readonly operations: { ok: number; unknown: number; failed: number };
  readonly faults: FaultCounts;
  /** One line that replays this seed. */
  readonly replay: string;
  /** The counterexample (or reason) when the verdict is not ok. */
  readonly detail?: string;
}

export interface FaultCounts {
  dropped: number;
  duplicated: number;
  partitions: number;
  crashes: number;
}

export interface SimulateReport {
  readonly histories: number;
  readonly linearizable: number;
  readonly violations: readonly SeedReport[];
  readonly operations: { ok: number; unknown: number; failed: number };
  readonly faults: FaultCounts;
}

/** Errors that prove the operation had no effect (it never entered the log, or it was a read). */
function certainlyNoEffect(err: unknown, isQuery: boolean): boolean {
  if (isQuery) return true;
  return err instanceof StoppedError || err instanceof NotLeaderError || err instanceof ProposalDroppedError || err instanceof OverloadedError || err instanceof TimeoutError;
}

/** How long after the faults stop the cluster has to answer again. */
const HEAL_MS = 2_000;

/**
 * Run whole RaftNodes (runtime + your state machine) under a seeded simulator — virtual time, a lossy
 * reordering network, partitions, crashes and restarts — with concurrent clients, and check every
 * history for linearizability against `model`. Each seed replays exactly.
 */
export async function simulate<C, R, Q, QR, I, O, S>(options: SimulateOptions<C, R, Q, QR, I, O, S>): Promise<SimulateReport> {
  const seeds = typeof options.seeds === 'number' ? Array.from({ length: options.seeds }, (_, k) => (options.from ?? 1) + k) : options.seeds;
  const report = { histories: 0, linearizable: 0, violations: [] as SeedReport[], operations: { ok: 0, unknown: 0, failed: 0 }, faults: { dropped: 0, duplicated: 0, partitions: 0, crashes: 0 } };
  for (const seed of seeds) {
    const r = await simulateSeed(seed, options);
    report.histories++;
    if (r.verdict === 'ok') report.linearizable++;
    else report.violations.push(r);
    for (const k of ['ok', 'unknown', 'failed'] as const) report.operations[k] += r.operations[k];
    for (const k of ['dropped', 'duplicated', 'partitions', 'crashes'] as const) report.faults[k] += r.faults[k];
    options.onSeed?.(r);
  }
  return report;
}

export async function simulateSeed<C, R, Q, QR, I, O, S>(seed: number, options: SimulateOptions<C, R, Q, QR, I, O, S>): Promise<SeedReport> {
  const random = new Random(seed);
  const scheduler = new VirtualScheduler();
  const network = new VirtualNetwork(scheduler, random.fork());
  const plan: FaultPlan = { ...DEFAULT_FAULTS, ...options.faults };
  const workload = typeof options.workload === 'function' ? options.workload() : options.workload;
  const ids: NodeId[] = Array.from({ length: options.nodes ?? 3 }, (_, k) => `n${k + 1}`);
  const storages = new Map(ids.map((id) => [id, new MemoryLogStorage()]));
  const nodes = new Map<NodeId, RaftNode<C, R, Q, QR>>();
  const faults: FaultCounts = { dropped: 0, duplicated: 0, partitions: 0, crashes: 0 };
  const durationMs = options.durationMs ?? 3_000;
  const recorder = new HistoryRecorder<I, O>({ now: () => scheduler.now });
  const ops = { ok: 0, unknown: 0, failed: 0 };
  let okAfterHeal = 0;
  let healed = false;
  let issuing = true;

  const stopping = new Map<NodeId, Promise<void>>();

  async function start(id: NodeId): Promise<void> {
    await stopping.get(id); // a crash still closing its store
    if (nodes.has(id)) return; // already restarted (the heal phase starts every node)
    const node = new RaftNode<C, R, Q, QR>({
      id,
      peers: ids,
      logStore: new MemoryLogStore(storages.get(id)!),
      transport: network.transport(),
      stateMachine: options.stateMachine,
      clock: scheduler.clock(),
      random: random.fork(),
      tickMs: 10,
      electionTicks: 10,
      proposalTimeoutMs: 1_000,
      readTimeoutMs: 1_000,
      snapshotEntries: 200,
      ...options.node,
    });
    nodes.set(id, node);
    await node.start();
  }

  async function crash(id: NodeId): Promise<void> {
    const node = nodes.get(id);
    if (!node) return;
    nodes.delete(id);
    const stopped = node.stop();
    stopping.set(id, stopped);
    await stopped;
    stopping.delete(id);
  }

  function client(c: number): void {
    if (!issuing) return;
    const id = ids[random.int(ids.length)]!;
    const node = nodes.get(id);
    if (!node) {
      // The node is down: the client's connection fails before anything is sent. Try again shortly.
      scheduler.at(random.between(1, 10), () => client(c));
      return;
    }
    const op = workload.next(random, c);
    const h = recorder.invoke(c, op.input);
    const done = () => scheduler.at(random.between(0, 15), () => client(c));
    const pending: Promise<O> =
      op.kind === 'command'
        ? node.propose(op.command).then((r) => op.output(r))
        : node.read(op.query, { consistency: options.readConsistency ?? 'linearizable' }).then((r) => op.output(r));
    pending.then(
      (out) => {
        h.ok(out);
        ops.ok++;
        if (healed) okAfterHeal++;
        done();
      },
      (err: unknown) => {
        if (certainlyNoEffect(err, op.kind === 'query')) {
          h.failed();
          ops.failed++;
        } else {
          h.unknown();
          ops.unknown++;
        }
        done();
      },
    );
  }

  function nemesis(): void {
    if (healed) return;
    const live = ids.filter((id) => nodes.has(id));
    const roll = random.int(6);
    if (roll === 0 && plan.partitions) {
      const shuffled = [...ids];
      for (let k = shuffled.length - 1; k > 0; k--) {
        const j = random.int(k + 1);
        [shuffled[k], shuffled[j]] = [shuffled[j]!, shuffled[k]!];
      }
      const cut = 1 + random.int(Math.floor(ids.length / 2));
      network.partition(shuffled.slice(0, cut), shuffled.slice(cut));
      faults.partitions++;
    } else if (roll === 1 && plan.partitions) {
      network.cutOneWay(ids[random.int(ids.length)]!, ids[random.int(ids.length)]!);
      faults.partitions++;
    } else if (roll === 2 && plan.crashes && live.length > Math.floor(ids.length / 2)) {
      const victim = live[random.int(live.length)]!;
      faults.crashes++;
      void crash(victim).then(() => scheduler.at(random.between(50, 400), () => void start(victim)));
    } else if (roll === 3) {
      network.heal();
    }
  }

  network.faults = plan.network;
  for (const id of ids) await start(id);
  for (let c = 0; c < (options.clients ?? 4); c++) scheduler.at(random.between(0, 20), () => client(c));
  const nemesisTimer = scheduler.every(plan.nemesisEveryMs, nemesis);
  await scheduler.runUntil(durationMs);

  // Heal: every node up, no partitions, a calm network; the cluster must serve again.
  scheduler.cancel(nemesisTimer);
  healed = true;
  network.heal();
  network.faults = CALM_NETWORK;
  for (const id of ids) if (!nodes.has(id)) await start(id);
  await scheduler.runUntil(durationMs + HEAL_MS);
  issuing = false;
  await scheduler.runUntil(durationMs + HEAL_MS + 1_500); // let in-flight operations finish
  for (const node of nodes.values()) await node.stop();
  faults.dropped = network.counters.dropped;
  faults.duplicated = network.counters.duplicated;

  const replay = `npm run sim -- --workload ${workload.name} --replay ${seed} --nodes ${ids.length}${options.readConsistency === 'stale' ? ' --stale-reads' : ''}`;
  const base = { seed, operations: ops, faults, replay };
  if (okAfterHeal === 0) return { ...base, verdict: 'stalled', detail: `no operation completed in the ${HEAL_MS} ms after healing` };
  const result = checkOperations(options.model, recorder.history(), { timeoutMs: options.checkTimeoutMs ?? 20_000 });
  if (result.verdict === 'ok') return { ...base, verdict: 'ok' };
  return { ...base, verdict: result.verdict, detail: renderCheckResult(options.model, result) };
}
