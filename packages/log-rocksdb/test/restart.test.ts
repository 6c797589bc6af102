import t from 'tap';
import { EntryType, MemoryLogStorage, MemoryLogStore } from '@raftbus/core';
import type { Entry, LogStore, LogWrite, StoredState } from '@raftbus/core';
import { RocksDbLogStore } from '../src/rocksdb-log-store.js';
import { tempDir } from './helpers.js';

/**
 * Differential restart test: one seeded stream of appends, conflicting rewrites, snapshots (kept and
 * replacing), compactions and hard-state updates goes to a RocksDbLogStore and to the MemoryLogStore as
 * the model; the RocksDB store is closed and reopened every few operations, and after each reopen its
 * recovered hard state, snapshot, conf state and log tail must equal the model's exactly.
 */

const OPERATIONS = 600;
const REOPEN_EVERY_OPERATIONS = 20;
const CONF = { voters: ['n1', 'n2', 'n3'], learners: [], votersOutgoing: [] };

/** mulberry32: a small seeded PRNG, so a failure replays from its seed (RAFTBUS_SEED). */
function prng(seed: number): (n: number) => number {
  let a = seed | 0;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
}

const view = (list: readonly Entry[]) => list.map((e) => `${e.index}/${e.term}/${e.type}/${Buffer.from(e.data).toString('base64')}`);
const viewState = (s: StoredState) =>
  JSON.stringify({
    hardState: [s.hardState.term, s.hardState.vote, s.hardState.commit],
    snapshot: s.snapshot && [s.snapshot.meta.index, s.snapshot.meta.term, s.snapshot.meta.confState, Buffer.from(s.snapshot.data).toString('base64')],
    confState: s.confState,
    entries: view(s.entries),
  });

t.test('after every reopen the RocksDB store recovers exactly what the model holds', async (t) => {
  const seed = Number(process.env.RAFTBUS_SEED ?? 0x5eed);
  const random = prng(seed);
  const dir = tempDir('restart');
  t.teardown(dir.remove);
  const storage = new MemoryLogStorage();
  let model: LogStore = new MemoryLogStore(storage);
  let rocks: LogStore = new RocksDbLogStore({ path: dir.path, snapshotChunkBytes: 512 });
  await model.open();
  await rocks.open();

  // The generator's own picture of the log, so most operations are valid.
  let term = 1;
  let vote = 'n1';
  let commit = 0;
  let first = 1;
  let last = 0;
  let snapshotIndex = 0;
  const terms = new Map<number, number>();
  const termAt = (index: number) => terms.get(index) ?? 0;
  const mkEntries = (from: number, count: number, entryTerm: number): Entry[] =>
    Array.from({ length: count }, (_, i) => ({
      index: from + i,
      term: entryTerm,
      type: random(10) === 0 ? EntryType.ConfChange : EntryType.Normal,
      data: Buffer.alloc(random(300), (from + i + entryTerm) & 0xff),
    }));

  let reopens = 0;
  let rejected = 0;
  for (let op = 1; op <= OPERATIONS; op++) {
    const kind = random(100);
    let call: (store: LogStore) => Promise<void>;
    let onSuccess = () => {};
    if (kind < 55) {
      const list = mkEntries(last + 1, 1 + random(8), term);
      const newCommit = random(2) === 0 ? commit + random(last + list.length - commit + 1) : commit;
      const write: LogWrite = { entries: list, hardState: { term, vote, commit: newCommit } };
      call = (s) => s.write(write);
      onSuccess = () => {
        for (const e of list) terms.set(e.index, e.term);
        last = list[list.length - 1]!.index;
        commit = newCommit;
      };
    } else if (kind < 67) {
      const floor = Math.max(commit, snapshotIndex) + 1;
      const from = floor + random(last + 2 - floor);
      const newTerm = term + 1;
      const list = mkEntries(from, 1 + random(4), newTerm);
      const newVote = random(2) ? 'n2' : '';
      const write: LogWrite = { entries: list, hardState: { term: newTerm, vote: newVote, commit } };
      call = (s) => s.write(write);
      onSuccess = () => {
        term = newTerm;
        vote = newVote;
        for (let i = from; i <= last; i++) terms.delete(i);
        for (const e of list) terms.set(e.index, e.term);
        last = list[list.length - 1]!.index;
      };
    } else if (kind < 77 && commit > Math.max(snapshotIndex, first - 1)) {
      const low = Math.max(snapshotIndex + 1, first);
      const at = low + random(commit - low + 1);
      const write: LogWrite = { snapshot: { meta: { index: at, term: termAt(at), confState: CONF }, data: Buffer.alloc(random(3000), at & 0xff) }, entries: [] };
      call = (s) => s.write(write);
      onSuccess = () => {
        snapshotIndex = at;
      };
    } else if (kind < 87) {
      const at = random(snapshotIndex + 1);
      call = (s) => s.compact(at);
      onSuccess = () => {
        if (at >= first) first = at + 1;
      };
    } else if (kind < 92) {
      const at = last + 1 + random(5);
      const write: LogWrite = {
        snapshot: { meta: { index: at, term, confState: CONF }, data: Buffer.alloc(random(2000), 0xab) },
        entries: [],
        hardState: { term, vote, commit: at },
        confState: CONF,
      };
      call = (s) => s.write(write);
      onSuccess = () => {
        terms.clear();
        snapshotIndex = at;
        first = at + 1;
        last = at;
        commit = at;
      };
    } else {
      // Sometimes valid, sometimes not (a gap, or a term below the stored one): both stores must agree.
      // (A same-term hard state voting n3 is valid when no vote was cast yet in this term.)
      const write: LogWrite = random(2) ? { entries: mkEntries(last + 2, 1, term) } : { entries: [], hardState: { term: term - random(2), vote: 'n3', commit } };
      call = (s) => s.write(write);
      onSuccess = () => {
        if (write.hardState !== undefined) vote = write.hardState.vote;
      };
    }

    const outcomes = await Promise.all([model, rocks].map((s) => call(s).then(() => 'ok', (e: { code?: string; argument?: string }) => `${e.code}:${e.argument}`)));
    if (outcomes[0] !== outcomes[1]) {
      t.fail(`operation ${op} (seed ${seed}): model ${outcomes[0]}, rocksdb ${outcomes[1]}`);
      return;
    }
    if (outcomes[0] === 'ok') onSuccess();
    else rejected++;

    if (last >= first) {
      const from = first + random(last - first + 1);
      const maxBytes = random(3) === 0 ? random(1000) : undefined;
      const [a, b] = await Promise.all([model, rocks].map((s) => s.entries(from, last + 1, maxBytes)));
      if (JSON.stringify(view(a!)) !== JSON.stringify(view(b!))) {
        t.same(view(b!), view(a!), `operation ${op} (seed ${seed}): entries(${from}, ${last + 1}, ${maxBytes})`);
        return;
      }
    }
    if (op % REOPEN_EVERY_OPERATIONS === 0) {
      await Promise.all([model.close(), rocks.close()]);
      model = new MemoryLogStore(storage);
      rocks = new RocksDbLogStore({ path: dir.path, snapshotChunkBytes: 512 });
      const [expected, recovered] = await Promise.all([model.open(), rocks.open()]);
      reopens++;
      if (viewState(recovered!) !== viewState(expected!)) {
        t.equal(viewState(recovered!), viewState(expected!), `reopen after operation ${op} (seed ${seed})`);
        return;
      }
    }
  }
  await Promise.all([model.close(), rocks.close()]);
  t.equal(reopens, OPERATIONS / REOPEN_EVERY_OPERATIONS, `${reopens} reopens matched the model exactly`);
  t.ok(rejected > 0 && rejected < OPERATIONS / 10, `${rejected} of ${OPERATIONS} operations were refused by both stores`);
  t.ok(snapshotIndex > 0 && last > 0, `the run reached snapshot ${snapshotIndex}, log [${first}, ${last}], term ${term}`);
});
