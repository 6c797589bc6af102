/** A lease as the expiry heap sees it; stale once the lock's token or expiry has moved on. */
export interface ExpiryEntry {
  readonly expiresAt: number;
  readonly name: string;
  readonly token: number;
}

/**
 * Min-heap of leases by (expiresAt, name, token). The order is total, so every replica expires leases
 * in the same order whatever the heap's internal layout (a restored replica builds its heap afresh) —
 * and the order matters, because each hand-over to a waiter takes the next fencing token.
 *
 * Renewals push a new entry instead of moving the old one; the owner skips stale entries on pop
 * (lazy deletion) and rebuilds the heap when stale entries outnumber live ones.
 */
export class ExpiryHeap {
  private items: ExpiryEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): ExpiryEntry | undefined {
    return this.items[0];
  }

  push(entry: ExpiryEntry): void {
    const items = this.items;
    items.push(entry);
    let k = items.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!before(items[k]!, items[parent]!)) break;
      [items[k], items[parent]] = [items[parent]!, items[k]!];
      k = parent;
    }
  }

  pop(): ExpiryEntry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Replace the contents with `entries` (O(n) heapify). */
  rebuild(entries: ExpiryEntry[]): void {
    this.items = entries;
    for (let k = (entries.length >> 1) - 1; k >= 0; k--) this.siftDown(k);
  }

  private siftDown(k: number): void {
    const items = this.items;
    const n = items.length;
    for (;;) {
      const left = 2 * k + 1;
      if (left >= n) return;
      const right = left + 1;
      const child = right < n && before(items[right]!, items[left]!) ? right : left;
      if (!before(items[child]!, items[k]!)) return;
      [items[k], items[child]] = [items[child]!, items[k]!];
      k = child;
    }
  }
}

function before(a: ExpiryEntry, b: ExpiryEntry): boolean {
  if (a.expiresAt !== b.expiresAt) return a.expiresAt < b.expiresAt;
  if (a.name !== b.name) return a.name < b.name;
  return a.token < b.token;
}
