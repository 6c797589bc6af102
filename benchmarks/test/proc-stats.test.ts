// Reading another process's CPU time and peak RSS from /proc.
import t from 'tap';
import { cpuDelta, cpuSeconds, parseProcStatCpuTicks, parseVmHwmBytes, peakRssBytes } from '../src/proc-stats.js';

t.test('utime + stime are counted from the last ")" (a command name may hold spaces and parentheses)', async (t) => {
  const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194560 5000 0 0 0 150 25 0 0 20 0 11 0 100 1000000 2000 18446744073709551615';
  t.equal(parseProcStatCpuTicks(stat), 175);
  t.ok(Number.isNaN(parseProcStatCpuTicks('garbage')));
});

t.test('VmHWM is read in kB and returned in bytes', async (t) => {
  t.equal(parseVmHwmBytes('Name:\tnode\nVmPeak:\t 1000 kB\nVmHWM:\t  153600 kB\nVmRSS:\t 100 kB\n'), 153600 * 1024);
  t.ok(Number.isNaN(parseVmHwmBytes('Name:\tkthread\n')), 'a kernel thread has none');
});

t.test('this process: CPU grows with work, RSS is positive; a gone pid gives null', { skip: process.platform !== 'linux' && 'needs /proc' }, async (t) => {
  const before = cpuSeconds(process.pid)!;
  const until = Date.now() + 100;
  let x = 0;
  while (Date.now() < until) x += Math.sqrt(x + 1);
  t.ok(x > 0);
  const after = cpuSeconds(process.pid)!;
  t.ok(after > before, `cpu ${before} → ${after} s after 100 ms of spinning`);
  t.ok(peakRssBytes(process.pid)! > 10 * 1024 * 1024);
  t.equal(cpuSeconds(2 ** 22 + 7), null);
  t.same(cpuDelta(new Map([['n1', 1.5]]), new Map([['n1', 2.25], ['n2', 9]])), { n1: 0.75 }, 'only processes sampled at both edges');
});
