import { EntryType } from '@raftbus/core';
import type { Entry, LogWrite } from '@raftbus/core';
import { CONF, entries, entry, expectLog, hardState, snapshot, view, viewSnapshot, viewState, withHarness } from './log-store-fixtures.js';
import type { LogStoreFactory } from './log-store-fixtures.js';
import { expectRejects } from './suite-test.js';
import type { SuiteTestFunction } from './suite-test.js';

/** The LogStore contract's cases, grouped by concern; `logStoreSuite` registers them all. */

/** Writing, reading back, and recovering exactly after a reopen. */
export function recoveryCases(test: SuiteTestFunction, factory: LogStoreFactory): void {
  test('a fresh store recovers an empty log and the zero hard state', async (t) => {
    await withHarness(factory, async ({ open }) => {
      const { state } = await open();
      t.same(viewState(state), { hardState: { term: 0, vote: '', commit: 0 }, snapshot: undefined, confState: undefined, entries: [] });
    });
  });


  test('written entries read back in order with types and payloads intact', async (t) => {
    await withHarness(factory, async ({ open }) => {
      const { store } = await open();
      const written: Entry[] = [
        entry(1, 1, 0),
        entry(2, 1, 1),
        entry(3, 1, 40, EntryType.ConfChange),
        entry(4, 2, 65_536),
        ...entries(5, 20, 2, 100),
      ];
      await store.write({ entries: written.slice(0, 3), hardState: hardState(1) });
      await store.write({ entries: written.slice(3), hardState: hardState(2, 4) });
      await expectLog(t, store, 1, written, 'the whole log');
      t.same(view(await store.entries(7, 9)), view(written.slice(6, 8)), 'a middle range');
      t.same(view(await store.entries(20, 21)), view(written.slice(19)), 'the last entry');
      t.same(await store.entries(9, 9), [], 'an empty range');
    });
  });


  test('a hard state is written alone and recovered', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      await first.store.write({ entries: entries(1, 3, 1), hardState: hardState(1) });
      await first.store.write({ entries: [], hardState: { term: 5, vote: 'n3', commit: 2 } });
      await first.store.write({ entries: [], hardState: { term: 6, vote: '', commit: 3 } });
      const { store, state } = await reopen(first.store);
      t.same(state.hardState, { term: 6, vote: '', commit: 3 }, 'the last hard state');
      t.same(view(state.entries), view(entries(1, 3, 1)), 'entries untouched');
      await expectLog(t, store, 1, entries(1, 3, 1), 'entries still readable');
    });
  });


  test('reopen recovers hard state, snapshot, conf state and the log tail exactly', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      const conf = { voters: ['a', 'b', 'c'], learners: ['d'], votersOutgoing: ['a', 'b', 'e'] };
      await first.store.write({ entries: [], confState: CONF, hardState: hardState(3, 0, 'n2') });
      await first.store.write({ snapshot: snapshot(10, 3, 5000, conf), entries: entries(11, 15, 3), hardState: hardState(3, 12, 'n2') });
      await first.store.write({ entries: entries(16, 30, 4, 300), hardState: hardState(4, 20, 'n3'), confState: conf });
      const tail = [...entries(11, 15, 3), ...entries(16, 30, 4, 300)];
      const { store, state } = await reopen(first.store);
      t.same(
        viewState(state),
        { hardState: hardState(4, 20, 'n3'), snapshot: viewSnapshot(snapshot(10, 3, 5000, conf)), confState: conf, entries: view(tail) },
        'open() returns exactly what was written',
      );
      await expectLog(t, store, 11, tail, 'the tail reads back');
      await store.write({ entries: entries(31, 31, 4), hardState: hardState(4, 31, 'n3') });
      await expectLog(t, store, 30, [...entries(30, 30, 4, 300), entry(31, 4)], 'the reopened store appends');
    });
  });

}

/** How writes reshape the log: suffix truncation, snapshots, compaction, bounded reads. */
export function logShapeCases(test: SuiteTestFunction, factory: LogStoreFactory): void {
  test('a write overlapping the log replaces the conflicting suffix', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      await first.store.write({ entries: entries(1, 10, 1), hardState: hardState(1, 3) });
      await first.store.write({ entries: entries(6, 7, 2), hardState: hardState(2, 3) });
      const expected = [...entries(1, 5, 1), ...entries(6, 7, 2)];
      await expectLog(t, first.store, 1, expected, 'entries 8..10 are gone, 6..7 replaced');
      await expectRejects(t, () => first.store.entries(1, 11), { code: 'LOG_STORE_ARGUMENT', argument: 'toExclusive' }, 'reading past the new end');
      const { store, state } = await reopen(first.store);
      t.same(view(state.entries), view(expected), 'the truncation survives a reopen');
      await store.write({ entries: entries(8, 8, 2), hardState: hardState(2, 3) });
      await expectLog(t, store, 6, entries(6, 8, 2), 'the log grows again from the cut');
    });
  });


  test('a snapshot that conflicts with the log replaces the whole log', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      await first.store.write({ entries: entries(1, 10, 1), hardState: hardState(2, 2) });
      await first.store.write({ snapshot: snapshot(5, 2), entries: [], hardState: hardState(2, 5) });
      await expectRejects(t, () => first.store.entries(5, 6), { code: 'LOG_COMPACTED', index: 5, firstIndex: 6 }, 'entries under the snapshot');
      await expectRejects(t, () => first.store.entries(6, 7), { code: 'LOG_STORE_ARGUMENT' }, 'entries after a replaced log');
      await first.store.write({ snapshot: snapshot(20, 2, 2000), entries: entries(21, 22, 2), hardState: hardState(2, 20) });
      const { store, state } = await reopen(first.store);
      t.same(state.snapshot && viewSnapshot(state.snapshot), viewSnapshot(snapshot(20, 2, 2000)), 'the newest snapshot');
      t.same(view(state.entries), view(entries(21, 22, 2)), 'only entries after the snapshot');
      await expectRejects(t, () => store.entries(20, 21), { code: 'LOG_COMPACTED', firstIndex: 21 }, 'the old log is gone after reopen');
      await expectRejects(t, () => store.write({ entries: entries(24, 24, 2) }), { code: 'LOG_STORE_ARGUMENT', argument: 'entries[0].index' }, 'a gap after the snapshot');
    });
  });


  test('a snapshot that matches the log keeps it until compact drops the prefix', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      await first.store.write({ entries: [...entries(1, 4, 1), ...entries(5, 10, 2)], hardState: hardState(2, 8) });
      await first.store.write({ snapshot: snapshot(6, 2), entries: [] });
      await expectLog(t, first.store, 1, [...entries(1, 4, 1), ...entries(5, 10, 2)], 'the log is kept');
      const second = await reopen(first.store);
      t.same(view(second.state.entries), view(entries(7, 10, 2)), 'open() returns the entries after the snapshot');
      await expectLog(t, second.store, 2, [...entries(2, 4, 1), ...entries(5, 10, 2)], 'the prefix is still readable');
      await second.store.compact(4);
      await expectRejects(t, () => second.store.entries(4, 5), { code: 'LOG_COMPACTED', index: 4, firstIndex: 5 }, 'compacted entry');
      await expectLog(t, second.store, 5, entries(5, 10, 2), 'entries above the compaction point');
      await second.store.compact(2);
      await expectRejects(t, () => second.store.compact(7), { code: 'LOG_STORE_ARGUMENT', argument: 'index' }, 'compacting past the snapshot');
      await second.store.compact(6);
      const { store, state } = await reopen(second.store);
      t.same(view(state.entries), view(entries(7, 10, 2)), 'after compaction and reopen');
      await expectRejects(t, () => store.entries(6, 7), { code: 'LOG_COMPACTED', firstIndex: 7 }, 'compaction survives a reopen');
      await store.write({ entries: entries(11, 12, 2), hardState: hardState(2, 12) });
      await expectLog(t, store, 7, entries(7, 12, 2), 'appends after compaction');
    });
  });


  test('range reads are bounded by count and by bytes', async (t) => {
    await withHarness(factory, async ({ open }) => {
      const { store } = await open();
      await store.write({ entries: entries(1, 10, 1, 100), hardState: hardState(1) });
      const indexes = async (from: number, to: number, maxBytes?: number) => (await store.entries(from, to, maxBytes)).map((e) => e.index);
      t.same(await indexes(3, 6), [3, 4, 5], 'the count is toExclusive - from');
      t.same(await indexes(1, 11, 250), [1, 2], 'stops before exceeding maxBytes');
      t.same(await indexes(1, 11, 200), [1, 2], 'an exact fit is included');
      t.same(await indexes(1, 11, 99), [1], 'at least one entry');
      t.same(await indexes(4, 11, 0), [4], 'at least one entry even with maxBytes 0');
      t.same(await indexes(1, 11, Number.POSITIVE_INFINITY), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'unbounded');
      t.same(await indexes(10, 10, 5), [], 'an empty range is empty');
    });
  });

}

/** Concurrent writes, a rejected write among them, buffer ownership, large snapshots. */
export function concurrencyCases(test: SuiteTestFunction, factory: LogStoreFactory): void {
  test('concurrent writes are all durable and take effect in call order', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      const writes: LogWrite[] = [];
      for (let index = 1; index <= 120; index++) writes.push({ entries: [entry(index, 1, index % 50)], hardState: hardState(1, Math.max(0, index - 10)) });
      // A conflicting rewrite in the middle of the stream must land after the writes issued before it.
      writes.push({ entries: entries(118, 119, 2, 7), hardState: hardState(2, 110) });
      for (let index = 120; index <= 150; index++) writes.push({ entries: [entry(index, 2, 3)], hardState: hardState(2, index - 10) });
      const results = await Promise.allSettled(writes.map((w) => first.store.write(w)));
      t.same(results.filter((r) => r.status === 'rejected'), [], 'every write succeeded');
      const expected = [...writes.slice(0, 117).map((w) => w.entries[0]!), ...entries(118, 119, 2, 7), ...writes.slice(121).map((w) => w.entries[0]!)];
      await expectLog(t, first.store, 1, expected, 'read back before reopen');
      const { store, state } = await reopen(first.store);
      t.same(view(state.entries), view(expected), 'every acknowledged write survives a reopen, in order');
      t.same(state.hardState, hardState(2, 140), 'the last hard state wins');
      await expectLog(t, store, 1, expected, 'read back after reopen');
    });
  });


  test('a rejected write among concurrent writes leaves the others intact', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      const calls = [
        first.store.write({ entries: entries(1, 3, 1), hardState: hardState(1) }),
        first.store.write({ entries: entries(5, 5, 1) }),
        first.store.write({ entries: entries(4, 6, 1), hardState: hardState(1, 2) }),
      ];
      const settled = await Promise.allSettled(calls);
      t.same(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled'], 'only the gap is refused');
      await expectRejects(t, () => calls[1]!, { code: 'LOG_STORE_ARGUMENT', argument: 'entries[0].index' }, 'the gap is named');
      const { state } = await reopen(first.store);
      t.same(view(state.entries), view(entries(1, 6, 1)), 'the valid writes landed');
    });
  });


  test('a write copies its buffers before it returns', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      const written = entry(1, 1, 32);
      const snap = snapshot(1, 1, 32);
      // Buffers on purpose: Buffer#slice is a view, not a copy, so a store must copy some other way.
      const data = Buffer.from(written.data);
      const snapData = Buffer.from(snap.data);
      const pending = first.store.write({ entries: [{ ...written, data }], hardState: hardState(1) });
      data.fill(0xee);
      await pending;
      await expectLog(t, first.store, 1, [written], 'the caller changing its buffer after write() does not change the log');
      const pendingSnapshot = first.store.write({ snapshot: { meta: snap.meta, data: snapData }, entries: [] });
      snapData.fill(0xee);
      await pendingSnapshot;
      const { state } = await reopen(first.store);
      t.same(state.snapshot && viewSnapshot(state.snapshot), viewSnapshot(snap), 'nor the snapshot');
    });
  });


  test('a multi-megabyte snapshot round-trips', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      const big = snapshot(100, 7, 3 * 1024 * 1024 + 123);
      await first.store.write({ snapshot: big, entries: [], hardState: hardState(7, 100) });
      const { state } = await reopen(first.store);
      t.same(state.snapshot && viewSnapshot(state.snapshot), viewSnapshot(big), 'meta and every byte of data');
    });
  });
}
