import t from 'tap';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CrashModel, entryData, snapshotData } from '../scripts/crash-model.js';
import type { ChildMessage, CrashOp } from '../scripts/crash-model.js';
import { RocksDbLogStore } from '../src/rocksdb-log-store.js';
import { tempDir } from './helpers.js';

/**
 * Crash test: a child process appends synced batches (scripts/crash-writer.ts) and reports every write it
 * issues and every acknowledgement; the parent SIGKILLs it at random moments, reopens the store, and checks
 * that the recovered store is exactly the acknowledged writes plus, possibly, some of the writes still in
 * flight, in issue order — every acknowledged entry present and intact, nothing unacknowledged out of order.
 */

const KILLS_MIN = 50;
const KILLS_TARGET = 52;
/** Independent stores killed side by side. */
const LANES = 2;
const RUN_MS_MAX = 75_000;
/** Kill this long (uniformly at random) after the child reports ready; some kills land during startup. */
const KILL_AFTER_READY_MS_MAX = 100;
const KILL_DURING_STARTUP_ONE_IN = 8;
const CHILD = fileURLToPath(new URL('../scripts/dist/crash-writer.js', import.meta.url));

interface Life {
  issued: CrashOp[];
  /** Highest issued id (1-based) whose acknowledgement reached the parent. */
  maxAcked: number;
  ackedEntries: number;
  ready: boolean;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(path: string, seed: number, children: Set<ChildProcess>): { child: ChildProcess; life: Life; ready: Promise<void> } {
  // execArgv [] keeps tap's TypeScript loader out of the compiled child.
  const child = fork(CHILD, [path, String(seed)], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const life: Life = {
    issued: [],
    maxAcked: 0,
    ackedEntries: 0,
    ready: false,
    exit: new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        children.delete(child);
        if (stderr !== '') console.error(stderr);
        resolve({ code, signal });
      }),
    ),
  };
  const ready = new Promise<void>((resolve) => {
    child.on('message', (message: ChildMessage) => {
      if (message.t === 'ready') {
        life.ready = true;
        resolve();
      } else if (message.t === 'issue') {
        if (message.id !== life.issued.length + 1) throw new Error(`issue ${message.id} out of order`);
        life.issued.push(message.op);
      } else {
        const op = life.issued[message.id - 1]!;
        life.maxAcked = Math.max(life.maxAcked, message.id);
        if (op.kind === 'write') life.ackedEntries += op.entries.length;
      }
    });
    void life.exit.then(() => resolve());
  });
  return { child, life, ready };
}

/** Reads the whole store, checking every payload, and returns it as a model. */
async function recoveredModel(path: string): Promise<{ model: CrashModel; badPayloads: number }> {
  const store = new RocksDbLogStore({ path });
  const stored = await store.open();
  try {
    const { firstIndex, lastIndex } = store.stats();
    const model = new CrashModel();
    model.firstIndex = firstIndex;
    model.lastIndex = firstIndex - 1;
    model.hardState = stored.hardState;
    let badPayloads = 0;
    if (stored.snapshot !== undefined) {
      const { index, term } = stored.snapshot.meta;
      model.snapshot = { index, term };
      if (!Buffer.from(stored.snapshot.data).equals(Buffer.from(snapshotData(index, term)))) badPayloads++;
    }
    if (lastIndex >= firstIndex) {
      for (const e of await store.entries(firstIndex, lastIndex + 1)) {
        model.terms.push(e.term);
        if (!Buffer.from(e.data).equals(Buffer.from(entryData(e.index, e.term)))) badPayloads++;
      }
      model.lastIndex = lastIndex;
    }
    return { model, badPayloads };
  } finally {
    await store.close();
  }
}

/** Entries of `expected` that `found` does not hold with the same term. */
function missingEntries(expected: CrashModel, found: CrashModel): number {
  let missing = 0;
  for (let index = expected.firstIndex; index <= expected.lastIndex; index++) {
    if (found.termAt(index) !== expected.termAt(index)) missing++;
  }
  return missing;
}

interface LaneFigures {
  kills: number;
  killsDuringStartup: number;
  ackedWrites: number;
  ackedEntries: number;
  inFlightRecovered: number;
  lost: number;
  badPayloads: number;
  failures: string[];
}

/** One store, one child at a time: spawn, kill, verify, repeat. */
async function runLane(path: string, lane: number, killsTarget: number, deadlineMs: number, children: Set<ChildProcess>): Promise<LaneFigures> {
  const figures: LaneFigures = { kills: 0, killsDuringStartup: 0, ackedWrites: 0, ackedEntries: 0, inFlightRecovered: 0, lost: 0, badPayloads: 0, failures: [] };
  let base = new CrashModel();
  while (figures.kills < killsTarget && Date.now() < deadlineMs) {
    const seed = lane * 10_000 + figures.kills;
    const { child, life, ready } = startChild(path, seed, children);
    if (figures.kills % KILL_DURING_STARTUP_ONE_IN === 3) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
    } else {
      await ready;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * KILL_AFTER_READY_MS_MAX));
    }
    const wasReady = life.ready;
    child.kill('SIGKILL');
    const { code, signal } = await life.exit;
    if (signal !== 'SIGKILL') {
      figures.failures.push(`lane ${lane}: child (seed ${seed}) exited by itself with code ${code} before the kill`);
      return figures;
    }
    figures.kills++;
    if (!wasReady) figures.killsDuringStartup++;
    figures.ackedEntries += life.ackedEntries;
    figures.ackedWrites += life.maxAcked;

    // The store must equal base + issued[0..k) for some k >= every acknowledged write.
    const { model: found, badPayloads } = await recoveredModel(path);
    figures.badPayloads += badPayloads;
    const candidate = base.clone();
    for (let i = 0; i < life.maxAcked; i++) candidate.apply(life.issued[i]!);
    const acknowledged = candidate.clone();
    let matchedAt = -1;
    for (let k = life.maxAcked; ; k++) {
      if (candidate.signature() === found.signature()) {
        matchedAt = k;
        break;
      }
      if (k === life.issued.length) break;
      candidate.apply(life.issued[k]!);
    }
    if (matchedAt < 0) {
      figures.lost += missingEntries(acknowledged, found);
      figures.failures.push(
        `lane ${lane}, kill ${figures.kills} (seed ${seed}): the store matches no prefix of the issued writes at or past the ${life.maxAcked} acknowledged; ` +
          `recovered log [${found.firstIndex}, ${found.lastIndex}] term ${found.hardState.term}, acknowledged log [${acknowledged.firstIndex}, ${acknowledged.lastIndex}]`,
      );
      return figures;
    }
    figures.inFlightRecovered += matchedAt - life.maxAcked;
    base = found;
  }
  return figures;
}

t.test('SIGKILL at random moments loses no acknowledged entry', async (t) => {
  const dirs = Array.from({ length: LANES }, (_, lane) => tempDir(`crash${lane}`));
  const children = new Set<ChildProcess>();
  t.teardown(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) dir.remove();
  });
  const startedMs = Date.now();
  // Lanes run side by side on separate stores: a child spends most of its short life starting up.
  const lanes = await Promise.all(dirs.map((dir, lane) => runLane(dir.path, lane, Math.ceil(KILLS_TARGET / LANES), startedMs + RUN_MS_MAX, children)));
  const sum = (field: keyof Omit<LaneFigures, 'failures'>) => lanes.reduce((total, lane) => total + lane[field], 0);
  const kills = sum('kills');
  t.comment(
    `kills: ${kills} (${sum('killsDuringStartup')} during startup/recovery), acknowledged writes: ${sum('ackedWrites')}, ` +
      `acknowledged entries: ${sum('ackedEntries')}, unacknowledged writes found durable: ${sum('inFlightRecovered')}, ` +
      `lost: ${sum('lost')}, corrupt payloads: ${sum('badPayloads')}, seconds: ${((Date.now() - startedMs) / 1000).toFixed(1)}`,
  );
  t.same(lanes.flatMap((lane) => lane.failures), [], 'every recovery equals the acknowledged writes plus a prefix of the in-flight ones');
  t.ok(kills >= KILLS_MIN, `at least ${KILLS_MIN} kills within ${RUN_MS_MAX / 1000} s (${kills})`);
  t.ok(sum('ackedEntries') > 0, `the children acknowledged entries (${sum('ackedEntries')})`);
  t.equal(sum('lost'), 0, 'lost: 0 acknowledged entries');
  t.equal(sum('badPayloads'), 0, 'every recovered payload intact');
});
