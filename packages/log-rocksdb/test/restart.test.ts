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

interface Operation {
  readonly call: (store: LogStore) => Promise<void>;
  /** Updates the generator's picture of the log once both stores accepted the operation. */
  readonly accepted: () => void;
}

/** Draws mostly valid operations from the generator's own picture of the log. */
class OperationSource {
  term = 1;
  vote = 'n1';
  commit = 0;
  first = 1;
  last = 0;
  snapshotIndex = 0;
  private readonly terms = new Map<number, number>();

  constructor(private readonly random: (n: number) => number) {}

  next(): Operation {
    const kind = this.random(100);
    if (kind < 55) return this.append();
    if (kind < 67) return this.rewrite();
    if (kind < 77 && this.commit > Math.max(this.snapshotIndex, this.first - 1)) return this.keptSnapshot();
    if (kind < 87) return this.compact();
    if (kind < 92) return this.replacingSnapshot();
    return this.maybeInvalid();
  }

  private entries(from: number, count: number, term: number): Entry[] {
    return Array.from({ length: count }, (_, i) => ({
      index: from + i,
      term,
      type: this.random(10) === 0 ? EntryType.ConfChange : EntryType.Normal,
      data: Buffer.alloc(this.random(300), (from + i + term) & 0xff),
    }));
  }

  private write(write: LogWrite, accepted: () => void = () => {}): Operation {
    return { call: (store) => store.write(write), accepted };
  }

  private setEntries(list: readonly Entry[]): void {
    for (let i = list[0]!.index; i <= this.last; i++) this.terms.delete(i);
    for (const e of list) this.terms.set(e.index, e.term);
    this.last = list[list.length - 1]!.index;
  }

  private append(): Operation {
    const list = this.entries(this.last + 1, 1 + this.random(8), this.term);
    const commit = this.random(2) === 0 ? this.commit + this.random(this.last + list.length - this.commit + 1) : this.commit;
    return this.write({ entries: list, hardState: { term: this.term, vote: this.vote, commit } }, () => {
      this.setEntries(list);
      this.commit = commit;
    });
  }

  /** A new term whose first entries overwrite an uncommitted suffix. */
  private rewrite(): Operation {
    const floor = Math.max(this.commit, this.snapshotIndex) + 1;
    const list = this.entries(floor + this.random(this.last + 2 - floor), 1 + this.random(4), this.term + 1);
    const vote = this.random(2) ? 'n2' : '';
    return this.write({ entries: list, hardState: { term: this.term + 1, vote, commit: this.commit } }, () => {
      this.term++;
      this.vote = vote;
      this.setEntries(list);
    });
  }

  private keptSnapshot(): Operation {
    const low = Math.max(this.snapshotIndex + 1, this.first);
    const at = low + this.random(this.commit - low + 1);
    const data = Buffer.alloc(this.random(3000), at & 0xff);
    return this.write({ snapshot: { meta: { index: at, term: this.terms.get(at)!, confState: CONF }, data }, entries: [] }, () => {
      this.snapshotIndex = at;
    });
  }

  private compact(): Operation {
    const at = this.random(this.snapshotIndex + 1);
    return {
      call: (store) => store.compact(at),
      accepted: () => {
        if (at >= this.first) this.first = at + 1;
      },
    };
  }

  private replacingSnapshot(): Operation {
    const at = this.last + 1 + this.random(5);
    const data = Buffer.alloc(this.random(2000), 0xab);
    const hardState = { term: this.term, vote: this.vote, commit: at };
    return this.write({ snapshot: { meta: { index: at, term: this.term, confState: CONF }, data }, entries: [], hardState, confState: CONF }, () => {
      this.terms.clear();
      this.snapshotIndex = at;
      this.first = at + 1;
      this.last = at;
      this.commit = at;
    });
  }

  /** A gap (always refused) or a hard state (refused when it lowers the term; a first vote in a term is fine). */
  private maybeInvalid(): Operation {
    if (this.random(2)) return this.write({ entries: this.entries(this.last + 2, 1, this.term) });
    const hardState = { term: this.term - this.random(2), vote: 'n3', commit: this.commit };
    return this.write({ entries: [], hardState }, () => {
      this.vote = hardState.vote;
    });
  }
}

const outcome = (store: LogStore, operation: Operation): Promise<string> =>
  operation.call(store).then(
    () => 'ok',
    (e: { code?: string; argument?: string }) => `${e.code}:${e.argument}`,
  );

t.test('after every reopen the RocksDB store recovers exactly what the model holds', async (t) => {
  const seed = Number(process.env.RAFTBUS_SEED ?? 0x5eed);
  const random = prng(seed);
  const source = new OperationSource(random);
  const dir = tempDir('restart');
  t.teardown(dir.remove);
  const storage = new MemoryLogStorage();
  let model: LogStore = new MemoryLogStore(storage);
  let rocks: LogStore = new RocksDbLogStore({ path: dir.path, snapshotChunkBytes: 512 });
  await model.open();
  await rocks.open();
  let reopens = 0;
  let rejected = 0;
  for (let op = 1; op <= OPERATIONS; op++) {
    const operation = source.next();
    const [expected, found] = await Promise.all([outcome(model, operation), outcome(rocks, operation)]);
    if (expected !== found) return void t.fail(`operation ${op} (seed ${seed}): model ${expected}, rocksdb ${found}`);
    if (expected === 'ok') operation.accepted();
    else rejected++;

    const { first, last } = source;
    if (last >= first) {
      const from = first + random(last - first + 1);
      const maxBytes = random(3) === 0 ? random(1000) : undefined;
      const [a, b] = await Promise.all([model.entries(from, last + 1, maxBytes), rocks.entries(from, last + 1, maxBytes)]);
      if (JSON.stringify(view(a)) !== JSON.stringify(view(b))) {
        return void t.same(view(b), view(a), `operation ${op} (seed ${seed}): entries(${from}, ${last + 1}, ${maxBytes})`);
      }
    }
    if (op % REOPEN_EVERY_OPERATIONS === 0) {
      await Promise.all([model.close(), rocks.close()]);
      model = new MemoryLogStore(storage);
      rocks = new RocksDbLogStore({ path: dir.path, snapshotChunkBytes: 512 });
      const [wanted, recovered] = await Promise.all([model.open(), rocks.open()]);
      reopens++;
      if (viewState(recovered) !== viewState(wanted)) {
        return void t.equal(viewState(recovered), viewState(wanted), `reopen after operation ${op} (seed ${seed})`);
      }
    }
  }
  await Promise.all([model.close(), rocks.close()]);
  t.equal(reopens, OPERATIONS / REOPEN_EVERY_OPERATIONS, `${reopens} reopens matched the model exactly`);
  t.ok(rejected > 0 && rejected < OPERATIONS / 10, `${rejected} of ${OPERATIONS} operations were refused by both stores`);
  t.ok(source.snapshotIndex > 0 && source.last > 0, `the run reached snapshot ${source.snapshotIndex}, log [${source.first}, ${source.last}], term ${source.term}`);
});
