// The whole harness end to end in a tiny run (about 5–10 s): a real 3-process cluster, floors, two
// closed-loop levels and one open-loop level, etcd asked for but missing. Runs the built dist/ (npm test
// builds first), as `npm run bench` does.
import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { parseReport } from '../src/report/json.js';
import { isAlive } from '../src/processes.js';

const BENCH = fileURLToPath(new URL('../dist/bench.js', import.meta.url));
const RUN_TIMEOUT_MS = 60_000;

t.test('a tiny run measures, writes bench.json/md/svg, carries on without etcd, and leaves nothing behind', { timeout: RUN_TIMEOUT_MS + 10_000 }, async (t) => {
  t.ok(existsSync(BENCH), `${BENCH} is built (npm run build)`);
  const out = mkdtempSync(join(tmpdir(), 'raftbus-bench-smoke-out-'));
  const data = mkdtempSync(join(tmpdir(), 'raftbus-bench-smoke-data-'));
  t.teardown(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });
  const args = [BENCH, '--inflight', '1,8', '--rate', '200', '--payload', '64', '--seconds', '0.5', '--warmup', '0.2', '--base-port', '30400'];
  args.push('--compare', 'etcd', '--etcdbench', join(data, 'no-such-etcdbench'), '--out', out, '--data-dir', data);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const killer = setTimeout(() => child.kill('SIGINT'), RUN_TIMEOUT_MS);
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  clearTimeout(killer);
  t.equal(code, 0, `exit 0; stderr:\n${stderr}`);

  const report = parseReport(readFileSync(join(out, 'bench.json'), 'utf8'));
  const [run] = report.runs;
  t.equal(report.runs.length, 1, 'raftbus only: etcd was skipped');
  // Whichever prerequisite this machine lacks first: the generator (made absent here), etcd, or the
  // peer-bench scripts (a clone outside the workplace has no ../shared).
  t.match(report.etcdSkipped, /no-such-etcdbench is missing|etcd is not on PATH|etcd-cluster\.sh not found/);
  t.match(stderr, /\[bench\] etcd comparison skipped/);
  t.equal(run!.failure, null);
  t.same(
    run!.levels.map((l) => [l.mode, l.inFlight, l.offeredPerSecond, l.payloadBytes]),
    [
      ['closed', 1, null, 64],
      ['closed', 8, null, 64],
      ['open', null, 200, 64],
    ],
  );
  for (const l of run!.levels) {
    t.ok(l.commits > 0 && l.commitsPerSecond > 0, `${l.mode} ${l.inFlight ?? l.offeredPerSecond}: ${l.commits} commits`);
    t.ok(l.latencyMs.p50 > 0 && l.latencyMs.p50 <= l.latencyMs.p99! && l.latencyMs.p99 <= l.latencyMs.max!, 'p50 ≤ p99 ≤ max');
    t.equal(l.histogram?.count, l.commits, 'the histogram holds every counted commit');
    t.equal(Object.keys(l.nodeCpuSeconds).length, 3, 'CPU of each node over the window');
  }
  t.match(stderr, /\[bench\] 3 nodes, 64 B, 1 in flight: \S+\/s p50 \S+ ms p99 \S+ ms/, 'progress lines on stderr');
  t.ok(report.floors!.zmqRoundTripMs.p50 > 0 && report.floors!.fdatasyncMs.p50 > 0, 'both floors measured');
  t.equal(report.floors!.commitFloorMs, Math.round((report.floors!.zmqRoundTripMs.p50 + report.floors!.fdatasyncMs.p50) * 1000) / 1000);
  t.equal(run!.processes.length, 3);
  for (const p of run!.processes) {
    t.ok(p.cpuSeconds > 0 && p.peakRssBytes > 0, `${p.id}: ${p.cpuSeconds} CPU s, ${p.peakRssBytes} B peak RSS`);
    t.notOk(isAlive(p.pid), `${p.id} (pid ${p.pid}) is gone`);
  }
  t.same(readdirSync(data), [], 'the cluster data directory and the fsync scratch file were removed');
  t.match(stdout, /\| raftbus 3 nodes \| 64 B, 8 in flight \|/, 'the table on stdout');
  t.equal(readFileSync(join(out, 'bench.md'), 'utf8'), stdout);
  t.equal(XMLValidator.validate(readFileSync(join(out, 'bench.svg'), 'utf8')), true, 'bench.svg is XML');
});
