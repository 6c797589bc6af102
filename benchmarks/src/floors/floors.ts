/**
 * The floors a commit cannot beat on this machine, measured in the same run as the cluster:
 * - a loopback round trip between two Node processes over bare zeromq.js (DEALER → ROUTER echo), 128 B,
 *   one message in flight;
 * - an fdatasync on the disk of the data directory (append 128 B + fdatasync, in a loop).
 * DESIGN.md's commit floor is their sum: the leader's append reaches a follower, which syncs it and
 * answers; the leader's own sync runs in parallel.
 */
import { spawn } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dealer } from 'zeromq';
import { FloorError } from '../errors.js';
import { LatencyHistogram } from '../histogram.js';
import { freeBase } from '../ports.js';

const ECHO_SERVER = fileURLToPath(new URL('./zmq-echo-server.js', import.meta.url));
const FLOOR_MESSAGE_BYTES = 128;
const WARMUP_ROUND_TRIPS = 200;
const WARMUP_SYNCS = 20;
/** Each floor stops at its sample count or this much time, whichever comes first. */
const FLOOR_TIME_MS_MAX = 5_000;
const SERVER_READY_TIMEOUT_MS = 10_000;
const SERVER_EXIT_TIMEOUT_MS = 5_000;

async function startEchoServer(address: string): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, [ECHO_SERVER, address], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new FloorError(`echo server at ${address} did not start`)), SERVER_READY_TIMEOUT_MS);
    child.stdout!.once('data', () => (clearTimeout(timer), resolve()));
    child.once('exit', (code) => (clearTimeout(timer), reject(new FloorError(`echo server exited with ${code}`))));
  });
  return {
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), SERVER_EXIT_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `samples` sequential round trips after a warm-up (the echo server's port from `portCandidates`). */
export async function zmqRoundTripFloor(samples: number, portCandidates: readonly number[], portMax: number): Promise<LatencyHistogram> {
  const port = await freeBase(portCandidates, [0], portMax);
  const address = `tcp://127.0.0.1:${port}`;
  const server = await startEchoServer(address);
  const dealer = new Dealer({ linger: 0 });
  try {
    dealer.connect(address);
    const payload = Buffer.alloc(FLOOR_MESSAGE_BYTES, 0x5a);
    const h = new LatencyHistogram();
    const deadline = performance.now() + FLOOR_TIME_MS_MAX;
    for (let i = 0; i < WARMUP_ROUND_TRIPS + samples && performance.now() < deadline; i++) {
      const t0 = performance.now();
      await dealer.send(payload);
      const [echo] = await dealer.receive();
      if (echo?.length !== FLOOR_MESSAGE_BYTES) throw new FloorError(`echo of ${FLOOR_MESSAGE_BYTES} B came back as ${echo?.length} B`);
      if (i >= WARMUP_ROUND_TRIPS) h.record((performance.now() - t0) * 1000);
    }
    if (h.count === 0) throw new FloorError(`no ZeroMQ round trip within ${FLOOR_TIME_MS_MAX} ms`);
    return h;
  } finally {
    dealer.close();
    await server.stop();
  }
}

/** Appending 128 B to a file in `dir` and fdatasync'ing it, `samples` times after a warm-up. */
export function fdatasyncFloor(dir: string, samples: number): LatencyHistogram {
  const scratch = mkdtempSync(join(dir, 'raftbus-bench-fsync-'));
  const fd = openSync(join(scratch, 'floor'), 'w');
  try {
    const block = Buffer.alloc(FLOOR_MESSAGE_BYTES, 0x42);
    const h = new LatencyHistogram();
    const deadline = performance.now() + FLOOR_TIME_MS_MAX;
    for (let i = 0; i < WARMUP_SYNCS + samples && performance.now() < deadline; i++) {
      const t0 = performance.now();
      writeSync(fd, block, 0, block.length, i * block.length);
      fdatasyncSync(fd);
      if (i >= WARMUP_SYNCS) h.record((performance.now() - t0) * 1000);
    }
    if (h.count === 0) throw new FloorError(`no fdatasync within ${FLOOR_TIME_MS_MAX} ms in ${dir}`);
    return h;
  } finally {
    closeSync(fd);
    rmSync(scratch, { recursive: true, force: true });
  }
}
