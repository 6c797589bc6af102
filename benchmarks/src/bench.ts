/**
 * `npm run bench -- [options]` (see args.ts): commit latency and throughput of a real raftbus cluster,
 * the floors of this machine measured in the same run, and optionally etcd side by side. Progress goes
 * to stderr, the tables to stdout, and bench.json / bench.md / bench.svg to --out. It prints figures and
 * never fails on speed; it exits non-zero only when it could not measure.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORT_MAX, REPO_ROOT, USAGE, parseBenchArgs, type BenchOptions } from './args.js';
import { TARGET_PAYLOAD_BYTES, evaluateTargets } from './compare.js';
import { BenchConfigError } from './errors.js';
import { findEtcdTools, runEtcd } from './etcd.js';
import { fdatasyncFloor, zmqRoundTripFloor } from './floors/floors.js';
import { formatMs } from './format.js';
import type { LatencyHistogram } from './histogram.js';
import { describeMachine } from './machine.js';
import { renderJson } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { renderSvg, seriesFromRuns } from './report/svg.js';
import type { BenchReport, FloorFigures, SystemRun } from './results.js';
import { medianOfRounds } from './rounds.js';
import { runRaftbus } from './run-raftbus.js';

/** The ZeroMQ floor's echo server binds the first free port of these (the top of the bench's range). */
const ECHO_PORTS = Array.from({ length: 50 }, (_, i) => 30_950 + i);
const progress = (line: string) => void process.stderr.write(`${line}\n`);

function raftbusVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/server/package.json'), 'utf8')) as { version: string };
  try {
    const sha = execFileSync('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${pkg.version} (git ${sha})`;
  } catch {
    return pkg.version;
  }
}

interface FloorHistograms {
  readonly roundTrip: LatencyHistogram;
  readonly fdatasync: LatencyHistogram;
}

async function measureFloors(opts: BenchOptions, when: string): Promise<FloorHistograms> {
  const fdatasync = fdatasyncFloor(opts.dataParentDir, opts.floorSamples);
  const roundTrip = await zmqRoundTripFloor(opts.floorSamples, ECHO_PORTS, PORT_MAX);
  progress(`[bench] floors at the ${when}: round trip p50 ${formatMs(roundTrip.percentile(50) / 1000)} ms, fdatasync p50 ${formatMs(fdatasync.percentile(50) / 1000)} ms`);
  return { roundTrip, fdatasync };
}

/**
 * The floors are measured at the start and at the end of the run and pooled: a shared disk's fdatasync
 * drifts by multiples within minutes, and one sample taken before the cluster ran could flatter or
 * condemn it.
 */
function pooledFloors(a: FloorHistograms, b: FloorHistograms): FloorFigures {
  const ms = (h: LatencyHistogram) => ({ p50: h.percentile(50) / 1000, p99: h.percentile(99) / 1000, samples: h.count });
  const round = (at: 'start' | 'end', f: FloorHistograms) => ({ at, zmqRoundTripP50Ms: f.roundTrip.percentile(50) / 1000, fdatasyncP50Ms: f.fdatasync.percentile(50) / 1000 });
  const rounds = [round('start', a), round('end', b)];
  a.roundTrip.merge(b.roundTrip);
  a.fdatasync.merge(b.fdatasync);
  const zmqRoundTripMs = ms(a.roundTrip);
  const fdatasyncMs = ms(a.fdatasync);
  return { zmqRoundTripMs, fdatasyncMs, commitFloorMs: Math.round((zmqRoundTripMs.p50 + fdatasyncMs.p50) * 1000) / 1000, rounds };
}

async function runEtcdIfAsked(opts: BenchOptions, runs: SystemRun[]): Promise<string | null> {
  if (!opts.compareEtcd) return null;
  if (opts.inFlightLevels.length === 0) return 'the Go generator runs closed loops only and no --inflight level was given';
  const tools = findEtcdTools(opts);
  if ('missing' in tools) {
    progress(`[bench] etcd comparison skipped: ${tools.missing}`);
    return tools.missing;
  }
  if (opts.openLoopRates.length > 0) progress('[bench] etcd: the Go generator has no open-loop mode; only the closed-loop levels are compared');
  try {
    runs.push(await runEtcd(opts, tools, progress));
    return null;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    progress(`[bench] etcd comparison skipped: ${reason}`);
    return reason;
  }
}

function writeOutputs(opts: BenchOptions, report: BenchReport): string {
  mkdirSync(opts.outDir, { recursive: true });
  const plotPayload = opts.payloadSizes.includes(TARGET_PAYLOAD_BYTES) ? TARGET_PAYLOAD_BYTES : opts.payloadSizes[0]!;
  const svg = renderSvg(seriesFromRuns(report.runs, plotPayload), `p50 (solid) and p99 (dashed) commit latency, ${plotPayload} B puts`);
  const markdown = renderMarkdown(report, 'bench.svg');
  writeFileSync(join(opts.outDir, 'bench.json'), renderJson(report));
  writeFileSync(join(opts.outDir, 'bench.md'), markdown);
  writeFileSync(join(opts.outDir, 'bench.svg'), svg);
  return markdown;
}

async function main(argv: readonly string[]): Promise<number> {
  let opts: BenchOptions;
  try {
    opts = parseBenchArgs(argv);
  } catch (err) {
    if (!(err instanceof BenchConfigError)) throw err;
    process.stderr.write(`bench: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = new Date();
  const machine = describeMachine(opts.dataParentDir);
  progress(`[bench] ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAverage.join(' ')}; figures are provisional on a shared machine`);
  progress(`[bench] floors: append+fdatasync in ${opts.dataParentDir} and a bare zeromq.js echo between two processes, ${opts.floorSamples} samples each, at the start and at the end`);
  const floorsAtStart = await measureFloors(opts, 'start');
  const version = raftbusVersion();
  const rounds: SystemRun[][] = [];
  let etcdSkipped: string | null = null;
  for (let round = 1; round <= opts.rounds; round++) {
    if (opts.rounds > 1) progress(`[bench] round ${round} of ${opts.rounds}`);
    const runs: SystemRun[] = [];
    for (const nodes of opts.nodeCounts) {
      try {
        runs.push(await runRaftbus(opts, nodes, version, progress));
      } catch (err) {
        const failure = err instanceof Error ? err.message : String(err);
        progress(`[bench] ${nodes} nodes: ${failure}`);
        runs.push({ system: 'raftbus', nodes, version, leader: '', processes: [], levels: [], failure });
      }
    }
    etcdSkipped = await runEtcdIfAsked(opts, runs);
    rounds.push(runs);
  }
  const runs = medianOfRounds(rounds);
  const floors = pooledFloors(floorsAtStart, await measureFloors(opts, 'end'));
  progress(`[bench] commit floor (pooled): round trip p50 ${formatMs(floors.zmqRoundTripMs.p50)} ms + fdatasync p50 ${formatMs(floors.fdatasyncMs.p50)} ms = ${formatMs(floors.commitFloorMs)} ms`);
  const finished = new Date();
  const report: BenchReport = {
    formatVersion: 1,
    command: ['npm run bench --', ...argv].join(' ').replace(/ --$/, ''),
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    wallSeconds: Math.round((finished.getTime() - started.getTime()) / 100) / 10,
    options: { ...opts },
    machine,
    floors,
    runs,
    ...(rounds.length > 1 ? { rounds } : {}),
    etcdSkipped,
    targets: evaluateTargets(runs, floors),
  };
  process.stdout.write(writeOutputs(opts, report));
  progress(`[bench] wrote ${join(opts.outDir, 'bench.json')}, bench.md and bench.svg (${report.wallSeconds} s)`);
  // Figures are never a failure; a system that could not be measured at all is.
  return runs.some((r) => r.system === 'raftbus' && r.levels.length === 0) ? 1 : 0;
}

// Ctrl-C or a kill ends through process.exit, so every 'exit' guard (cluster, etcd, driver) runs.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
process.exitCode = await main(process.argv.slice(2));
