import t from 'tap';
import { logStoreSuite } from '@raftbus/testkit';
import { MemoryLogStorage, MemoryLogStore } from '../src/storage/memory-log-store.js';

logStoreSuite({
  name: 'MemoryLogStore',
  test: (name, fn) => t.test(name, fn),
  factory: () => {
    const storage = new MemoryLogStorage();
    return { store: () => new MemoryLogStore(storage), destroy: async () => undefined };
  },
});

t.test('a storage is open in at most one MemoryLogStore at a time', async (t) => {
  const storage = new MemoryLogStorage();
  const first = new MemoryLogStore(storage);
  await first.open();
  await t.rejects(new MemoryLogStore(storage).open(), { code: 'LOG_STORE_STATE' });
  await first.close();
  await t.resolves(new MemoryLogStore(storage).open());
});
