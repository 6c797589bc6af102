import type { Entry, LogStore, LogWrite } from '@raftbus/core';
import { CONF, entries, entry, expectLog, hardState, snapshot, view, withHarness } from './log-store-fixtures.js';
import type { LogStoreFactory } from './log-store-fixtures.js';
import { expectRejects } from './suite-test.js';
import type { SuiteTestFunction } from './suite-test.js';

/** A call that must be refused, the argument the error must name, and why it is wrong. */
interface BadCall {
  readonly why: string;
  readonly argument: string;
  readonly call: (store: LogStore) => Promise<unknown>;
}

const asEntry = (value: Record<string, unknown>): Entry => value as unknown as Entry;
const asWrite = (value: Record<string, unknown>): LogWrite => value as unknown as LogWrite;

/**
 * Every call here breaks the contract against a store holding: snapshot at 5 (term 2), entries 1..10 (terms
 * 1..4 = 1, 5..10 = 2), hard state term 3, vote n1, commit 7.
 */
const badCalls: readonly BadCall[] = [
  { why: 'entries out of order', argument: 'entries[1].index', call: (s) => s.write({ entries: [entry(11, 3), entry(13, 3)] }) },
  { why: 'terms going back inside a write', argument: 'entries[1].term', call: (s) => s.write({ entries: [entry(11, 3), entry(12, 2)] }) },
  { why: 'a gap after the last entry', argument: 'entries[0].index', call: (s) => s.write({ entries: [entry(12, 3)] }) },
  { why: 'rewriting committed entries', argument: 'entries[0].index', call: (s) => s.write({ entries: [entry(7, 3)] }) },
  { why: 'rewriting entries covered by the snapshot', argument: 'entries[0].index', call: (s) => s.write({ entries: [entry(5, 3)] }) },
  { why: 'a term below the preceding entry', argument: 'entries[0].term', call: (s) => s.write({ entries: [entry(11, 1)] }) },
  { why: 'an entry term above the current term', argument: 'entries[0].term', call: (s) => s.write({ entries: [entry(11, 4)] }) },
  { why: 'a zero index', argument: 'entries[0].index', call: (s) => s.write({ entries: [entry(0, 3)] }) },
  { why: 'a fractional index', argument: 'entries[0].index', call: (s) => s.write({ entries: [asEntry({ ...entry(11, 3), index: 11.5 })] }) },
  { why: 'a zero term', argument: 'entries[0].term', call: (s) => s.write({ entries: [asEntry({ ...entry(11, 3), term: 0 })] }) },
  { why: 'an unknown entry type', argument: 'entries[0].type', call: (s) => s.write({ entries: [asEntry({ ...entry(11, 3), type: 9 })] }) },
  { why: 'data that is not bytes', argument: 'entries[0].data', call: (s) => s.write({ entries: [asEntry({ ...entry(11, 3), data: 'text' })] }) },
  { why: 'entries that are not an array', argument: 'entries', call: (s) => s.write(asWrite({ entries: 'none' })) },
  { why: 'the term going back', argument: 'hardState.term', call: (s) => s.write({ entries: [], hardState: hardState(2, 7) }) },
  { why: 'a second vote in the same term', argument: 'hardState.vote', call: (s) => s.write({ entries: [], hardState: hardState(3, 7, 'n2') }) },
  { why: 'the commit going back', argument: 'hardState.commit', call: (s) => s.write({ entries: [], hardState: hardState(3, 6) }) },
  { why: 'a commit past the last index', argument: 'hardState.commit', call: (s) => s.write({ entries: [], hardState: hardState(3, 11) }) },
  { why: 'a negative commit', argument: 'hardState.commit', call: (s) => s.write({ entries: [], hardState: hardState(3, -1) }) },
  { why: 'a snapshot older than the stored one', argument: 'snapshot.meta.index', call: (s) => s.write({ snapshot: snapshot(4, 1), entries: [] }) },
  { why: 'a snapshot conflicting with a committed entry', argument: 'snapshot.meta.term', call: (s) => s.write({ snapshot: snapshot(6, 1), entries: [] }) },
  { why: 'a snapshot term above the current term', argument: 'snapshot.meta.term', call: (s) => s.write({ snapshot: snapshot(20, 4), entries: [] }) },
  { why: 'a snapshot at index 0', argument: 'snapshot.meta.index', call: (s) => s.write({ snapshot: snapshot(0, 2), entries: [] }) },
  {
    why: 'a snapshot without a membership',
    argument: 'snapshot.meta.confState',
    call: (s) => s.write(asWrite({ snapshot: { meta: { index: 20, term: 3 }, data: new Uint8Array(1) }, entries: [] })),
  },
  { why: 'a conf state with an empty node id', argument: 'confState.voters', call: (s) => s.write({ entries: [], confState: { ...CONF, voters: [''] } }) },
  { why: 'compacting past the snapshot', argument: 'index', call: (s) => s.compact(6) },
  { why: 'compacting at a negative index', argument: 'index', call: (s) => s.compact(-1) },
  { why: 'reading from index 0', argument: 'from', call: (s) => s.entries(0, 3) },
  { why: 'reading a reversed range', argument: 'toExclusive', call: (s) => s.entries(8, 7) },
  { why: 'reading past the end', argument: 'toExclusive', call: (s) => s.entries(8, 12) },
  { why: 'a negative byte bound', argument: 'maxBytes', call: (s) => s.entries(8, 9, -1) },
];

export function badInputCases(test: SuiteTestFunction, factory: LogStoreFactory): void {
  test('bad arguments are rejected with an error naming the argument, and change nothing', async (t) => {
    await withHarness(factory, async ({ open, reopen }) => {
      const first = await open();
      const log = [...entries(1, 4, 1), ...entries(5, 10, 2)];
      await first.store.write({ entries: log, hardState: hardState(3, 7) });
      await first.store.write({ snapshot: snapshot(5, 2), entries: [], confState: CONF });
      await first.store.compact(3);
      for (const bad of badCalls) {
        await expectRejects(t, () => bad.call(first.store), { code: 'LOG_STORE_ARGUMENT', argument: bad.argument }, bad.why);
      }
      await expectRejects(t, () => first.store.entries(3, 4), { code: 'LOG_COMPACTED', index: 3, firstIndex: 4 }, 'reading compacted entries');
      await expectLog(t, first.store, 4, log.slice(3), 'the log is unchanged');
      await first.store.write({ entries: [entry(11, 3)], hardState: hardState(3, 8) });
      const { state } = await reopen(first.store);
      t.same(state.hardState, hardState(3, 8), 'the hard state is the last valid one');
      t.same(view(state.entries), view([...log.slice(5), entry(11, 3)]), 'valid writes still land after rejected ones');
    });
  });

  test('calls on a store that is not open are rejected', async (t) => {
    await withHarness(factory, async ({ open }) => {
      const { store } = await open();
      await expectRejects(t, () => store.open(), { code: 'LOG_STORE_STATE' }, 'opening twice');
      await store.write({ entries: entries(1, 2, 1), hardState: hardState(1) });
      await store.close();
      await expectRejects(t, () => store.write({ entries: entries(3, 3, 1) }), { code: 'LOG_STORE_STATE', state: 'closed' }, 'write after close');
      await expectRejects(t, () => store.entries(1, 2), { code: 'LOG_STORE_STATE', state: 'closed' }, 'read after close');
      await expectRejects(t, () => store.compact(0), { code: 'LOG_STORE_STATE', state: 'closed' }, 'compact after close');
      await store.close();
      const next = await open();
      await expectLog(t, next.store, 1, entries(1, 2, 1), 'closing twice is harmless');
    });
    await withHarness(factory, async ({ open, unopened }) => {
      const first = await open();
      await first.store.write({ entries: entries(1, 1, 1), hardState: hardState(1) });
      await expectRejects(t, () => unopened().open(), { code: 'LOG_STORE_STATE' }, 'a second store over storage that is open');
      await first.store.close();
      const second = await open();
      t.same(view(second.state.entries), view(entries(1, 1, 1)), 'opens once the first store is closed');
    });
    await withHarness(factory, async ({ unopened }) => {
      const store = unopened();
      await expectRejects(t, () => store.write({ entries: entries(1, 1, 1) }), { code: 'LOG_STORE_STATE', state: 'unopened' }, 'write before open');
      await expectRejects(t, () => store.entries(1, 1), { code: 'LOG_STORE_STATE', state: 'unopened' }, 'read before open');
    });
  });
}
