/** What a DeadlineList keeps: its place in the list lives in the item itself, so arming allocates nothing. */
export interface DeadlineLinks<T> {
  dueAtMs: number;
  /** The item's position in its list's heap; -1 when it is in none. */
  dueIndex: number;
  /** The list the item is in, or undefined. */
  dueList: { disarm(item: T): void } | undefined;
}

/**
 * Items ordered by when they are due, behind one timer. The client arms one timer per request (its
 * attempt, its deadline or a backoff); with a `setTimeout` each, every request cost a Timeout object and a
 * closure, and durations that all differ (a deadline minus now) each took their own slot in Node's timer
 * queue. Here the items sit in a binary heap by due time (arming and disarming are O(log n), whatever
 * order the times come in, and allocate nothing), and a single timer waits for the earliest.
 */
export class DeadlineList<T extends DeadlineLinks<T>> {
  private readonly heap: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires; Infinity when none is set. */
  private timerAtMs = Infinity;

  constructor(private readonly onDue: (item: T) => void) {}

  get size(): number {
    return this.heap.length;
  }

  /** Makes `item` due at `atMs`, replacing whatever it was armed for in any list. */
  arm(item: T, atMs: number): void {
    if (item.dueList !== this) {
      item.dueList?.disarm(item);
      item.dueList = this;
      item.dueIndex = this.heap.length;
      this.heap.push(item);
    }
    item.dueAtMs = atMs;
    this.siftUp(item.dueIndex);
    this.siftDown(item.dueIndex);
    if (atMs < this.timerAtMs) this.schedule(atMs);
  }

  /** Takes `item` out of this list (nothing if it is not in it). A timer set for it fires to no effect. */
  disarm(item: T): void {
    if (item.dueList !== this) return;
    const at = item.dueIndex;
    const last = this.heap.pop()!;
    if (last !== item) {
      this.heap[at] = last;
      last.dueIndex = at;
      this.siftUp(at);
      this.siftDown(last.dueIndex);
    }
    item.dueIndex = -1;
    item.dueList = undefined;
  }

  /** Drops every item and the timer. */
  clear(): void {
    for (const item of this.heap) {
      item.dueIndex = -1;
      item.dueList = undefined;
    }
    this.heap.length = 0;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAtMs = Infinity;
  }

  private schedule(atMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAtMs = atMs;
    this.timer = setTimeout(() => this.fire(), Math.max(0, atMs - Date.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAtMs = Infinity;
    // The due items are taken out first: onDue may arm an item again, even for a time already past.
    const due: T[] = [];
    const now = Date.now();
    while (this.heap.length > 0 && this.heap[0]!.dueAtMs <= now) {
      const item = this.heap[0]!;
      this.disarm(item);
      due.push(item);
    }
    for (const item of due) this.onDue(item);
    if (this.heap.length > 0 && this.timer === undefined) this.schedule(this.heap[0]!.dueAtMs);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.dueAtMs <= item.dueAtMs) break;
      heap[i] = heap[parent]!;
      heap[i]!.dueIndex = i;
      i = parent;
    }
    heap[i] = item;
    item.dueIndex = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && heap[right]!.dueAtMs < heap[left]!.dueAtMs ? right : left;
      if (heap[child]!.dueAtMs >= item.dueAtMs) break;
      heap[i] = heap[child]!;
      heap[i]!.dueIndex = i;
      i = child;
    }
    heap[i] = item;
    item.dueIndex = i;
  }
}
