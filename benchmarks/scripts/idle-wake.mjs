// What a thread hand-off costs on this machine after an idle pause: one process writes a timestamp to a
// FIFO, another blocks in read() on it, notes when it woke and answers on a second FIFO, which the writer
// waits for before its next pause. Back to back (a pause of 0) the reader has only just gone to sleep;
// after a pause both processes and their CPUs are idle, as at one request in flight.
//   node benchmarks/scripts/idle-wake.mjs [pause µs ...]   (default: 0 100 1000)
// Prints p50/p90/p99 µs from write to wake-up per pause, in alternating rounds; bounded by
// ROUNDS × pauses × WAKES_PER_CASE hand-offs. Needs `mkfifo` (coreutils).
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = 2;
const WAKES_PER_CASE = 2_000;
const STAMP_BYTES = 8;

if (process.argv[2] === '--reader') {
  // Child: read stamps until the writer closes; report each wake-up's delay on stdout.
  const fd = openSync(process.argv[3], 'r');
  const ack = openSync(`${process.argv[3]}-ack`, 'w');
  const stamp = Buffer.alloc(STAMP_BYTES);
  const delays = [];
  while (readSync(fd, stamp, 0, STAMP_BYTES, null) === STAMP_BYTES) {
    delays.push(Number(process.hrtime.bigint() - stamp.readBigUInt64LE(0)) / 1e3);
    writeSync(ack, stamp, 0, 1);
  }
  closeSync(fd);
  closeSync(ack);
  process.stdout.write(JSON.stringify(delays));
} else {
  const pausesUs = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0, 100, 1000];
  const dir = mkdtempSync(join(tmpdir(), 'raftbus-idle-wake-'));
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  /** Blocks this thread (no event loop turn) for about `us` µs. */
  const pause = (us) => {
    if (us > 0) Atomics.wait(sleeper, 0, 0, us / 1000);
  };
  const measure = async (pauseUs, round) => {
    const fifo = join(dir, `fifo-${round}-${pauseUs}`);
    execFileSync('mkfifo', [fifo, `${fifo}-ack`]);
    const reader = spawn(process.execPath, [process.argv[1], '--reader', fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    reader.stdout.on('data', (d) => (out += d));
    const done = new Promise((resolve, reject) => reader.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`reader exited ${code}`)))));
    const fd = openSync(fifo, 'w'); // blocks until the reader has opened its end
    const ack = openSync(`${fifo}-ack`, 'r');
    const stamp = Buffer.alloc(STAMP_BYTES);
    for (let i = 0; i < WAKES_PER_CASE; i++) {
      pause(pauseUs);
      stamp.writeBigUInt64LE(process.hrtime.bigint(), 0);
      writeSync(fd, stamp);
      readSync(ack, stamp, 0, 1, null);
    }
    closeSync(fd);
    closeSync(ack);
    await done;
    const delays = JSON.parse(out).sort((a, b) => a - b);
    const at = (p) => delays[Math.min(delays.length - 1, Math.floor(delays.length * p))].toFixed(1).padStart(6);
    return `p50 ${at(0.5)}  p90 ${at(0.9)}  p99 ${at(0.99)}`;
  };
  console.log(`FIFO write → blocked reader wakes, ${WAKES_PER_CASE} hand-offs per case, node ${process.version}; µs`);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const pauseUs of pausesUs) console.log(`pause ${String(pauseUs).padStart(5)} µs  ${await measure(pauseUs, round)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
