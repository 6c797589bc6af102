// The sweep CLI (`npm run sim -- …`): summary line format, exit statuses, replay and planted bugs.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/sim.js', import.meta.url));
const SUMMARY = /^seeds (\d+) violations (\d+) faults drop=\d+ dup=\d+ partition=\d+ crash=\d+ commits=\d+$/;

function run(...args: string[]): { status: number | null; lastLine: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  const lines = r.stdout.trim().split('\n');
  return { status: r.status, lastLine: lines[lines.length - 1] ?? '', stderr: r.stderr };
}

t.test('a clean sweep prints the summary as its last line and exits 0', async (t) => {
  const r = run('--seeds', '5', '--nodes', '3', '--ticks', '200', '--from', '10001');
  t.equal(r.status, 0, r.stderr);
  t.match(r.lastLine, SUMMARY);
  t.equal(SUMMARY.exec(r.lastLine)?.[1], '5');
  t.equal(SUMMARY.exec(r.lastLine)?.[2], '0');
  t.match(r.stderr, /5\/5 seeds, 0 violations/, 'progress on stderr');
});

t.test('a violation exits 1 and prints the seed and a one-line replay command', async (t) => {
  const r = run('--seeds', '50', '--plant', 'forget-vote', '--nodes', '3');
  t.equal(r.status, 1);
  t.match(r.lastLine, SUMMARY);
  t.match(r.stderr, /VIOLATION seed 1 .*vote-durable/);
  t.match(r.stderr, /replay: npm run sim -- --replay 1 --nodes 3 --plant forget-vote/);
  const replay = run('--replay', '1', '--nodes', '3', '--plant', 'forget-vote');
  t.equal(replay.status, 1, 'the replay finds it again');
  t.match(replay.stderr, /vote-durable violated \(seed 1, tick \d+/);
});

t.test('replay with --trace prints the event trace', async (t) => {
  const r = run('--replay', '10001', '--nodes', '3', '--ticks', '50', '--trace');
  t.equal(r.status, 0, r.stderr.slice(-500));
  t.match(r.stderr, /\[\d+\] send vote n\d->n\d term=1/);
  t.match(r.stderr, /heal phase/);
  t.equal(r.lastLine, r.lastLine.match(SUMMARY)?.[0]);
});

t.test('bad usage exits 2 with the usage text', async (t) => {
  for (const args of [['--seeds', 'x'], ['--nodes', '0'], ['--plant', 'nope'], ['--workload', 'nope']]) {
    const r = run(...args);
    t.equal(r.status, 2, args.join(' '));
    t.match(r.stderr, /usage: npm run sim/);
  }
});
