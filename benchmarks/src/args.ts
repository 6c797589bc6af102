/** The command line of `npm run bench`, parsed and checked into BenchOptions. */
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchConfigError } from './errors.js';

export const USAGE = `npm run bench -- [options]
  --nodes 3|5|3,5          cluster sizes to run (default 3)
  --compare etcd           also run the same shape against a 3-member etcd (needs etcd and the Go generator)
  --rounds N               run every system N times, alternating, and report each figure's median (default 1)
  --quick                  a run under a minute: 128 B, 1/64/256 in flight, 2 s each
  --inflight 1,16,64,256   closed-loop levels (callers each with one request outstanding); "none" skips them
  --payload 16,128,1024    value bytes of each put
  --rate N[,N]             open-loop levels: requests per second offered on a fixed schedule
  --seconds N              measured seconds per level (default 5; quick 2)
  --warmup N               uncounted seconds before each level (default 1; quick 0.5)
  --out DIR                where bench.json, bench.md and bench.svg go (default benchmarks/results)
  --data-dir DIR           the disk under test: each cluster's fresh data directory is made in it (default ${tmpdir()})
  --etcdbench PATH         the Go load generator for etcd (default /tmp/etcdbench)
  --peer-bench DIR         ../shared/peer-bench (etcd-cluster.sh)
  --base-port N            first port tried for the cluster (default 30000; ports stay below 31000)`;

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE_COUNTS_ALLOWED = [3, 5];
const SECONDS_MAX = 600;
const ROUNDS_MAX = 9;
const IN_FLIGHT_MAX = 4096;
const PAYLOAD_BYTES_MAX = 1024 * 1024;
const RATE_PER_SECOND_MAX = 1_000_000;
const PORT_MIN = 30_000;
const PORT_MAX = 30_999;

export interface BenchOptions {
  readonly nodeCounts: readonly number[];
  readonly compareEtcd: boolean;
  /** How many times every system runs, alternating (3 nodes, 5 nodes, etcd, then again). */
  readonly rounds: number;
  readonly quick: boolean;
  readonly inFlightLevels: readonly number[];
  readonly payloadSizes: readonly number[];
  readonly openLoopRates: readonly number[];
  readonly secondsPerLevel: number;
  readonly warmupSeconds: number;
  readonly outDir: string;
  readonly dataParentDir: string;
  readonly etcdbenchPath: string;
  readonly peerBenchDir: string;
  readonly basePort: number;
  /** Sequential samples for each floor (the ZeroMQ echo and fdatasync), each also bounded in time. */
  readonly floorSamples: number;
  readonly help: boolean;
}

function numberList(text: string, field: string, min: number, max: number, integer = true): number[] {
  const values = text.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (values.length === 0) throw new BenchConfigError(field, 'needs at least one value');
  for (const v of values) {
    if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new BenchConfigError(field, `each value must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${text}"`);
    }
  }
  return [...new Set(values)];
}

function oneNumber(text: string, field: string, min: number, max: number, integer = false): number {
  return numberList(text, field, min, max, integer)[0]!;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        nodes: { type: 'string' },
        compare: { type: 'string' },
        rounds: { type: 'string' },
        quick: { type: 'boolean', default: false },
        inflight: { type: 'string' },
        payload: { type: 'string' },
        rate: { type: 'string' },
        seconds: { type: 'string' },
        warmup: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        etcdbench: { type: 'string' },
        'peer-bench': { type: 'string' },
        'base-port': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new BenchConfigError('arguments', err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const quick = v.quick === true;
  if (v.compare !== undefined && v.compare !== 'etcd') throw new BenchConfigError('--compare', `only "etcd" is known, got "${v.compare}"`);
  const nodeCounts = numberList(v.nodes ?? '3', '--nodes', 1, 7);
  for (const n of nodeCounts) if (!NODE_COUNTS_ALLOWED.includes(n)) throw new BenchConfigError('--nodes', `3 or 5 (or 3,5), got ${n}`);
  const inFlightText = v.inflight ?? (quick ? '1,64,256' : '1,16,64,256');
  const inFlightLevels = inFlightText === 'none' ? [] : numberList(inFlightText, '--inflight', 1, IN_FLIGHT_MAX);
  const openLoopRates = v.rate === undefined ? [] : numberList(v.rate, '--rate', 1, RATE_PER_SECOND_MAX);
  if (inFlightLevels.length === 0 && openLoopRates.length === 0) throw new BenchConfigError('--inflight', 'with "none", give --rate');
  const basePort = oneNumber(v['base-port'] ?? String(PORT_MIN), '--base-port', PORT_MIN, PORT_MAX, true);
  return {
    nodeCounts: [...nodeCounts].sort((a, b) => a - b),
    compareEtcd: v.compare === 'etcd',
    rounds: oneNumber(v.rounds ?? '1', '--rounds', 1, ROUNDS_MAX, true),
    quick,
    inFlightLevels,
    payloadSizes: numberList(v.payload ?? (quick ? '128' : '16,128,1024'), '--payload', 1, PAYLOAD_BYTES_MAX),
    openLoopRates,
    secondsPerLevel: oneNumber(v.seconds ?? (quick ? '2' : '5'), '--seconds', 0.1, SECONDS_MAX),
    warmupSeconds: oneNumber(v.warmup ?? (quick ? '0.5' : '1'), '--warmup', 0, SECONDS_MAX),
    outDir: resolve(v.out ?? resolve(REPO_ROOT, 'benchmarks/results')),
    dataParentDir: resolve(v['data-dir'] ?? tmpdir()),
    etcdbenchPath: resolve(v.etcdbench ?? '/tmp/etcdbench'),
    peerBenchDir: resolve(v['peer-bench'] ?? resolve(REPO_ROOT, '../shared/peer-bench')),
    basePort,
    floorSamples: quick ? 500 : 2000,
    help: v.help === true,
  };
}

export { PORT_MAX, REPO_ROOT };
