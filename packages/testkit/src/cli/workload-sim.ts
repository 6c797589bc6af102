// `npm run sim -- --workload kv --seeds N`: whole RaftNodes with a client workload under faults, every
// history checked for linearizability. Progress on stderr; the last stdout line is
// `histories N linearizable N violations N …`; exit 1 on any violation (2 on bad usage).
import { parseArgs } from 'node:util';
import { kvModel } from '../linearizability/models/kv.js';
import { simulate, simulateSeed, type SeedReport, type SimulateOptions } from '../node-sim/simulate.js';
import { kvWorkload, simKvStateMachine } from '../node-sim/workload.js';

const USAGE = `usage: npm run sim -- --workload kv [--seeds N] [--from S] [--nodes 3|5|7] [--clients C] [--duration-ms MS] [--replay SEED] [--stale-reads]
  --stale-reads  serve reads without ReadIndex: a control run whose histories the checker must reject`;

const PRINTED_VIOLATIONS_MAX = 5;

function int(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

function describe(r: SeedReport): string {
  return `seed ${r.seed}: ${r.verdict} (ok ${r.operations.ok}, unknown ${r.operations.unknown}, failed ${r.operations.failed})\n  replay: ${r.replay}${r.detail ? `\n${r.detail}` : ''}`;
}

export async function workloadSimMain(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        workload: { type: 'string' },
        seeds: { type: 'string' },
        from: { type: 'string' },
        nodes: { type: 'string' },
        clients: { type: 'string' },
        'duration-ms': { type: 'string' },
        replay: { type: 'string' },
        'stale-reads': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.workload !== 'kv') throw new RangeError(`--workload must be kv, got ${JSON.stringify(values.workload)}`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const options: SimulateOptions<unknown, unknown, unknown, unknown, unknown, unknown, unknown> = {
    stateMachine: simKvStateMachine,
    workload: () => kvWorkload(),
    model: kvModel,
    seeds: int('seeds', values.seeds, 100, 1),
    from: int('from', values.from, 1, 0),
    nodes: int('nodes', values.nodes, 3, 1),
    clients: int('clients', values.clients, 4, 1),
    durationMs: int('duration-ms', values['duration-ms'], 3_000, 100),
    readConsistency: values['stale-reads'] ? 'stale' : 'linearizable',
  } as never;
  const started = Date.now();
  if (values.replay !== undefined) {
    const r = await simulateSeed(int('replay', values.replay, 0, 0), options);
    process.stdout.write(`${describe(r)}\n`);
    return r.verdict === 'ok' ? 0 : 1;
  }
  let done = 0;
  let lastProgress = Date.now();
  const report = await simulate({
    ...options,
    onSeed: (r) => {
      done++;
      if (r.verdict !== 'ok' && done <= PRINTED_VIOLATIONS_MAX) process.stderr.write(`${describe(r)}\n`);
      if (Date.now() - lastProgress > 2_000) {
        lastProgress = Date.now();
        process.stderr.write(`… ${done} seeds, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      }
    },
  });
  const f = report.faults;
  const o = report.operations;
  process.stdout.write(
    `histories ${report.histories} linearizable ${report.linearizable} violations ${report.violations.length}` +
      ` operations ok=${o.ok} unknown=${o.unknown} failed=${o.failed} faults drop=${f.dropped} dup=${f.duplicated} partition=${f.partitions} crash=${f.crashes}` +
      ` reads=${options.readConsistency} seconds=${((Date.now() - started) / 1000).toFixed(1)}\n`,
  );
  return report.violations.length === 0 ? 0 : 1;
}
