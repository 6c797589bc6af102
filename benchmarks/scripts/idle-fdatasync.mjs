// What the bench's fdatasync floor leaves out: write 128 B + fdatasync on the main thread, back to back (as
// the floor is measured) and after an idle pause before each, alternating, in the given directory.
//   node benchmarks/scripts/idle-fdatasync.mjs [dir] [pause ms, default 1]
// A commit at one request in flight leaves every process idle between its steps, so each synced write
// meets a quiet machine. Prints p50/p99 µs per case; bounded by ROUNDS × 2 × SYNCS_PER_CASE syncs.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = 2;
const SYNCS_PER_CASE = 1_000;
const dir = mkdtempSync(join(process.argv[2] ?? tmpdir(), 'raftbus-idle-fdatasync-'));
const pauseMs = Number(process.argv[3] ?? 1);
const block = Buffer.alloc(128, 1);

async function measure(pause) {
  const fd = openSync(join(dir, 'f'), 'w');
  const samples = [];
  for (let i = 0; i < SYNCS_PER_CASE; i++) {
    if (pause) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const started = process.hrtime.bigint();
    writeSync(fd, block, 0, block.length, i * block.length);
    fdatasyncSync(fd);
    samples.push(Number(process.hrtime.bigint() - started) / 1e3);
  }
  closeSync(fd);
  samples.sort((a, b) => a - b);
  return `p50 ${samples[samples.length >> 1].toFixed(0).padStart(4)}  p99 ${samples[Math.floor(samples.length * 0.99)].toFixed(0).padStart(5)}`;
}

try {
  console.log(`append 128 B + fdatasync in ${dir}, µs`);
  for (let round = 0; round < ROUNDS; round++) {
    console.log(`back to back          ${await measure(false)}`);
    console.log(`after a ${pauseMs} ms pause    ${await measure(true)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
