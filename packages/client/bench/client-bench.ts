/**
 * `npm run bench:client`: requests/s and latency through @raftbus/client against a real 3-process
 * cluster (`raftbus up --app counter`: RocksDB log, every write fdatasync'ed, ZeroMQ between nodes), with
 * 1, 16, 64 and 256 requests in flight. Prints a table; never fails on speed.
 *
 *   node client-bench.js [--seconds N] [--inflight 1,16,64,256] [--base-port P] [--compare-forward]
 *                        [--connect tcp://…,tcp://…]   (a cluster already running, e.g. nodes under --cpu-prof)
 *
 * --compare-forward also runs three node processes of bench/node-process.js twice: with followers in
 * 'forward' mode and the client connected to a follower only, then in 'redirect' mode with the client
 * following the leader; the two rows side by side are the measurement behind the endpoint's default.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RaftbusClient } from '@raftbus/client';
import { freeBasePort, percentile, sleep, startCluster } from './cluster.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    inflight: { type: 'string', default: '1,16,64,256' },
    'base-port': { type: 'string', default: '26000' },
    'compare-forward': { type: 'boolean', default: false },
    connect: { type: 'string' },
  },
});
const SECONDS_PER_LEVEL = Number(args.seconds);
const LEVELS = args.inflight.split(',').map(Number);
/** Every measured loop is bounded by count as well as by time. */
const REQUESTS_PER_LEVEL_MAX = 3_000_000;
const WARMUP_SECONDS = 1;
const FIXTURE_READY_TIMEOUT_MS = 20_000;

interface Row {
  readonly label: string;
  readonly inFlight: number;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requestsPerFrame: number;
  readonly retries: number;
}

/** `inFlight` callers, each with one add outstanding, for `seconds`. */
async function measure(client: RaftbusClient, label: string, inFlight: number, seconds: number): Promise<Row> {
  const c = client.counter();
  const latencies: number[] = [];
  const framesBefore = client.stats.framesReceived;
  const retriesBefore = client.stats.retries;
  const started = performance.now();
  const until = started + seconds * 1000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until && issued < REQUESTS_PER_LEVEL_MAX) {
        issued++;
        const t0 = performance.now();
        await c.add('bench');
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const frames = client.stats.framesReceived - framesBefore;
  return {
    label,
    inFlight,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    requestsPerFrame: frames > 0 ? latencies.length / frames : 0,
    retries: client.stats.retries - retriesBefore,
  };
}

function print(rows: readonly Row[]): void {
  console.log('| setup | in flight | requests | requests/s | p50 ms | p99 ms | answers per reply frame | retries |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.inFlight} | ${r.requests} | ${Math.round(r.perSecond)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.requestsPerFrame.toFixed(1)} | ${r.retries} |`);
  }
}

async function runLevels(client: RaftbusClient, label: string, levels: readonly number[]): Promise<Row[]> {
  await measure(client, 'warm-up', 64, WARMUP_SECONDS);
  const rows: Row[] = [];
  for (const n of levels) rows.push(await measure(client, label, n, SECONDS_PER_LEVEL));
  return rows;
}

async function mainBench(): Promise<Row[]> {
  if (args.connect) {
    const client = new RaftbusClient({ nodes: args.connect.split(',') });
    try {
      return await runLevels(client, 'given cluster, counter', LEVELS);
    } finally {
      await client.close();
    }
  }
  const cluster = await startCluster({ app: 'counter', basePort: Number(args['base-port']) });
  try {
    const { status } = await cluster.leader();
    console.log(`cluster up (leader ${status.id}); ${SECONDS_PER_LEVEL} s per level`);
    const client = new RaftbusClient({ nodes: cluster.clientAddresses });
    try {
      return await runLevels(client, 'raftbus up, counter', LEVELS);
    } finally {
      await client.close();
    }
  } finally {
    await cluster.stop();
  }
}

/** Three node-process.js children in one follower mode; resolves once each printed "ready". */
async function fixtureCluster(mode: 'redirect' | 'forward', basePort: number) {
  const base = await freeBasePort(basePort, 3);
  const data = mkdtempSync(join(tmpdir(), 'raftbus-bench-'));
  const ids = ['n1', 'n2', 'n3'];
  const cluster = ids.map((id, k) => `${id}=tcp://127.0.0.1:${base + k + 1}`).join(',');
  const clients = ids.map((_, k) => `tcp://127.0.0.1:${base + 50 + k + 1}`);
  const script = new URL('./node-process.js', import.meta.url).pathname;
  const procs: ChildProcess[] = ids.map((id, k) =>
    spawn(process.execPath, [script, '--id', id, '--cluster', cluster, '--data', join(data, id), '--client', clients[k]!, '--follower-mode', mode], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('fixture node did not start')), FIXTURE_READY_TIMEOUT_MS);
          p.stdout!.on('data', (b: Buffer) => {
            if (b.toString().includes('ready')) {
              clearTimeout(timer);
              resolve();
            }
          });
        }),
    ),
  );
  return {
    clients,
    async stop() {
      await Promise.all(procs.map((p) => new Promise<void>((resolve) => (p.exitCode !== null ? resolve() : (p.once('exit', () => resolve()), p.kill('SIGTERM'))))));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

async function compareForward(): Promise<Row[]> {
  const rows: Row[] = [];
  const levels = [1, 64];
  for (const mode of ['forward', 'redirect'] as const) {
    const fx = await fixtureCluster(mode, Number(args['base-port']) + 1000);
    try {
      // Find the leader through a client that follows it, then pick a follower for the forward run.
      const probe = new RaftbusClient({ nodes: fx.clients });
      await probe.counter().add('probe');
      const leaderIndex = Number(probe.leader.slice(1)) - 1;
      await probe.close();
      const follower = fx.clients[(leaderIndex + 1) % fx.clients.length]!;
      const client = new RaftbusClient({ nodes: mode === 'forward' ? [follower] : fx.clients });
      try {
        rows.push(...(await runLevels(client, mode === 'forward' ? 'forward: client on a follower' : 'redirect: client follows the leader', levels)));
      } finally {
        await client.close();
      }
    } finally {
      await fx.stop();
    }
    await sleep(200);
  }
  return rows;
}

const rows = await mainBench();
print(rows);
if (args['compare-forward']) {
  console.log('\nfollower mode comparison (bench/node-process.js, counter, RocksDB):');
  print(await compareForward());
}
