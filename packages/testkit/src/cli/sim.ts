#!/usr/bin/env node
// The randomized simulation sweep: `npm run sim -- --seeds 1000 --nodes 5`. Progress goes to stderr; the
// last stdout line is the summary; the exit status is 1 if any seed found a violation (2 on bad usage).
import { parseArgs } from 'node:util';
import { workloadSimMain } from './workload-sim.js';
import { PLANTED_BUGS, type PlantedBug, type PlantedBugName } from '../sim/planted-bugs.js';
import { DEFAULT_SWEEP_NODES, DEFAULT_SWEEP_TICKS, addFigures, emptyFigures, runSeed, type SeedFigures, type SeedResult, type SweepOptions } from '../sim/sweep.js';

const USAGE = `usage: npm run sim -- [--seeds N] [--from S] [--nodes 3|5|7] [--ticks T] [--replay SEED [--trace]]
       npm run sim -- --workload kv [--seeds N] [--stale-reads] …   (whole nodes + clients; see --workload kv --help)
  --seeds N      number of seeds to run (default 100)
  --from S       first seed (default 1)
  --nodes N      cluster size (default ${DEFAULT_SWEEP_NODES})
  --ticks T      ticks of faults per seed before the heal phase (default ${DEFAULT_SWEEP_TICKS})
  --replay SEED  run one seed and print its figures (and its event trace with --trace)
  --plant BUG    run with a planted bug and stop at the first seed that catches it; BUG is one of
                 ${Object.keys(PLANTED_BUGS).join(', ')}`;

const DEFAULT_SEEDS = 100;
/** Violations printed in full; the rest are counted (the summary line has the total). */
const PRINTED_VIOLATIONS_MAX = 20;
const PROGRESS_INTERVAL_MS = 2000;

class UsageError extends Error {}

interface Args {
  seeds: number;
  from: number;
  nodes: number;
  ticks: number;
  replay: number | undefined;
  trace: boolean;
  plant: PlantedBugName | undefined;
}

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

function parse(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      seeds: { type: 'string' },
      from: { type: 'string' },
      nodes: { type: 'string' },
      ticks: { type: 'string' },
      replay: { type: 'string' },
      trace: { type: 'boolean' },
      plant: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return {
    seeds: positiveInt('seeds', values.seeds, DEFAULT_SEEDS),
    from: positiveInt('from', values.from, 1, 0),
    nodes: positiveInt('nodes', values.nodes, DEFAULT_SWEEP_NODES),
    ticks: positiveInt('ticks', values.ticks, DEFAULT_SWEEP_TICKS, 0),
    replay: values.replay === undefined ? undefined : positiveInt('replay', values.replay, 0, 0),
    trace: values.trace ?? false,
    plant: plantedBug(values.plant),
  };
}

function plantedBug(raw: string | undefined): PlantedBugName | undefined {
  if (raw === undefined) return undefined;
  if (!Object.hasOwn(PLANTED_BUGS, raw)) throw new UsageError(`--plant must be one of ${Object.keys(PLANTED_BUGS).join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as PlantedBugName;
}

function sweepOptions(args: Args): SweepOptions {
  const bug: PlantedBug | undefined = args.plant === undefined ? undefined : PLANTED_BUGS[args.plant];
  return {
    nodes: args.nodes,
    ticks: args.ticks,
    ...(bug?.coreFactory ? { coreFactory: bug.coreFactory } : {}),
    ...(bug?.diskFactory ? { diskFactory: bug.diskFactory } : {}),
  };
}

function replayCommand(seed: number, args: Args): string {
  const ticks = args.ticks === DEFAULT_SWEEP_TICKS ? '' : ` --ticks ${args.ticks}`;
  const plant = args.plant === undefined ? '' : ` --plant ${args.plant}`;
  return `npm run sim -- --replay ${seed} --nodes ${args.nodes}${ticks}${plant}`;
}

function summary(seeds: number, violations: number, f: SeedFigures): string {
  return `seeds ${seeds} violations ${violations} faults drop=${f.drop} dup=${f.dup} partition=${f.partition} crash=${f.crash} commits=${f.commits}`;
}

function details(f: SeedFigures): string {
  return (
    `ticks=${f.ticks} messages=${f.messages} reorder=${f.reorder} disconnect=${f.disconnect} crashMidWrite=${f.crashMidWrite} ` +
    `transfer=${f.transfer} campaign=${f.campaign} readIndex=${f.readIndex} readsServed=${f.readsServed} ` +
    `snapshotsInstalled=${f.snapshotsInstalled} elections=${f.elections}`
  );
}

function reportViolation(r: SeedResult, args: Args): void {
  const v = r.violation!;
  process.stderr.write(`VIOLATION seed ${r.seed} (${r.config}): ${v.message}\n  replay: ${replayCommand(r.seed, args)}\n`);
}

function replay(args: Args): number {
  const seed = args.replay!;
  const trace = args.trace ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  const r = runSeed(seed, { ...sweepOptions(args), ...(trace ? { trace } : {}) });
  process.stderr.write(`seed ${seed} config: ${r.config}\n${details(r.figures)}\n`);
  if (r.violation) reportViolation(r, args);
  process.stdout.write(`${summary(1, r.violation ? 1 : 0, r.figures)}\n`);
  return r.violation ? 1 : 0;
}

function sweep(args: Args): number {
  let total = emptyFigures();
  let violations = 0;
  const startedMs = Date.now();
  let lastProgressMs = startedMs;
  for (let k = 0; k < args.seeds; k++) {
    const r = runSeed(args.from + k, sweepOptions(args));
    total = addFigures(total, r.figures);
    if (r.violation) {
      violations++;
      if (violations <= PRINTED_VIOLATIONS_MAX) reportViolation(r, args);
      if (args.plant !== undefined) {
        process.stderr.write(`planted bug ${args.plant} caught by ${r.violation.property} after ${k + 1} seeds\n`);
        process.stdout.write(`${summary(k + 1, violations, total)}\n`);
        return 1;
      }
    }
    const nowMs = Date.now();
    if (nowMs - lastProgressMs >= PROGRESS_INTERVAL_MS || k === args.seeds - 1) {
      lastProgressMs = nowMs;
      process.stderr.write(`… ${k + 1}/${args.seeds} seeds, ${violations} violations, ${((nowMs - startedMs) / 1000).toFixed(1)} s\n`);
    }
  }
  process.stderr.write(`${details(total)}\n`);
  process.stdout.write(`${summary(args.seeds, violations, total)}\n`);
  return violations > 0 ? 1 : 0;
}

function main(argv: string[]): number {
  let args: Args;
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  return args.replay !== undefined ? replay(args) : sweep(args);
}

const argv = process.argv.slice(2);
if (argv.some((a) => a === '--workload' || a.startsWith('--workload='))) {
  // Whole nodes with a client workload (a different simulator: RaftNode + state machine + checker).
  process.exitCode = await workloadSimMain(argv);
} else {
  process.exitCode = main(argv);
}
