/**
 * The load driver: a child process of the bench that puts payload-sized values into the kv-store
 * cluster through @raftbus/client, step after step, and reports each step as a JSON line (protocol.ts).
 *   node driver.js '<DriverConfig JSON>'
 *
 * Each put is the kv-store's `set`: the new value in, no old value back, as etcd's benchmark put (no
 * `prev_kv`). Its `put` would also copy, keep and send back the 128 B it replaced, on every replica.
 */
import { randomBytes } from 'node:crypto';
import { RaftbusClient } from '@raftbus/client';
import { closedLoop, openLoop, type LoopTiming } from './loops.js';
import type { DriverConfig, DriverLine, DriverStep } from './protocol.js';

/** Every level is bounded by count as well as by time. */
const REQUESTS_PER_LEVEL_MAX = 5_000_000;

const config = JSON.parse(process.argv[2] ?? '{}') as DriverConfig;
// stdout to a pipe is synchronous on Linux, so a line is out before the next event.
const emit = (line: DriverLine) => void process.stdout.write(`${JSON.stringify(line)}\n`);

async function runStep(client: RaftbusClient, step: DriverStep, index: number): Promise<void> {
  const kv = client.kv();
  // Random bytes: a compressible value would flatter any store that compresses.
  const value = randomBytes(step.payloadBytes);
  const send = (seq: number) => kv.set(`k${seq % config.keySpace}`, value);
  let cpuAtStart = process.cpuUsage();
  let cpuInWindow: NodeJS.CpuUsage = { user: 0, system: 0 };
  let retriesAtStart = client.stats.retries;
  let retriesInWindow = 0;
  const timing: LoopTiming = {
    warmupMs: config.warmupSeconds * 1000,
    measureMs: config.secondsPerLevel * 1000,
    requestsMax: REQUESTS_PER_LEVEL_MAX,
    onMeasureStart: () => {
      cpuAtStart = process.cpuUsage();
      retriesAtStart = client.stats.retries;
      emit({ type: 'measure-start', step: index });
    },
    onMeasureEnd: () => {
      cpuInWindow = process.cpuUsage(cpuAtStart);
      retriesInWindow = client.stats.retries - retriesAtStart;
      emit({ type: 'measure-end', step: index });
    },
  };
  const outcome = step.mode === 'closed' ? await closedLoop(send, step.inFlight ?? 1, timing) : await openLoop(send, step.ratePerSecond ?? 1, timing);
  emit({
    type: 'result',
    step: index,
    result: {
      commits: outcome.commits,
      completedInWindow: outcome.completedInWindow,
      windowSeconds: outcome.windowSeconds,
      errors: outcome.errors,
      errorCodes: outcome.errorCodes,
      skipped: outcome.skipped,
      unfinished: outcome.unfinished,
      histogram: outcome.histogram.snapshot(),
      clientCpuSeconds: (cpuInWindow.user + cpuInWindow.system) / 1e6,
      clientRetries: retriesInWindow,
    },
  });
}

/**
 * Load on the whole pipeline before the first level, not counted anywhere. Each level has a warm-up of
 * its own, but the first one still met nodes whose code V8 had not yet optimised: the first level of a
 * run (16 B, one in flight) measured p50 1.76 and 1.08 ms in two runs where the 128 B level after it
 * measured 1.10 and 0.884 ms.
 */
const CLUSTER_WARMUP_MS = 2_000;
const CLUSTER_WARMUP_IN_FLIGHT = 64;

async function warmCluster(client: RaftbusClient): Promise<void> {
  const kv = client.kv();
  const value = randomBytes(config.steps[0]?.payloadBytes ?? 128);
  const send = (seq: number) => kv.set(`k${seq % config.keySpace}`, value);
  await closedLoop(send, CLUSTER_WARMUP_IN_FLIGHT, { warmupMs: CLUSTER_WARMUP_MS, measureMs: 0, requestsMax: REQUESTS_PER_LEVEL_MAX });
}

const client = new RaftbusClient({ nodes: config.clientAddresses });
try {
  // One put first: connections are up and the leader is known before anything is timed.
  await client.kv().put('bench-probe', Buffer.from('probe'));
  emit({ type: 'ready', leader: client.leader });
  await warmCluster(client);
  for (const [index, step] of config.steps.entries()) await runStep(client, step, index);
  emit({ type: 'done' });
} catch (err) {
  emit({ type: 'error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  process.exitCode = 1;
} finally {
  await client.close();
}
