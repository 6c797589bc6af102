/** What a DeadlineList keeps in its list: the links live in the item itself, so arming allocates nothing. */
export interface DeadlineLinks<T> {
  dueAtMs: number;
  duePrev: T | undefined;
  dueNext: T | undefined;
  /** The list the item is in, or undefined. */
  dueList: { disarm(item: T): void } | undefined;
}

/**
 * Items ordered by when they are due, behind one timer. The client arms one deadline per request attempt;
 * with a `setTimeout` each, every request cost a Timeout object and a closure, and durations that all
 * differ (a deadline minus now) each took their own slot in Node's timer queue. Here an item is linked
 * into the list at its place (from the tail: deadlines armed with one timeout come in order, so that is
 * one step), unlinked in O(1), and a single timer waits for the head.
 */
export class DeadlineList<T extends DeadlineLinks<T>> {
  private head: T | undefined;
  private tail: T | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires; Infinity when none is set. */
  private timerAtMs = Infinity;

  constructor(
    private readonly onDue: (item: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get empty(): boolean {
    return this.head === undefined;
  }

  /** Makes `item` due at `atMs`, replacing whatever it was armed for in any list. */
  arm(item: T, atMs: number): void {
    item.dueList?.disarm(item);
    item.dueAtMs = atMs;
    item.dueList = this;
    let after = this.tail;
    while (after !== undefined && after.dueAtMs > atMs) after = after.duePrev;
    item.duePrev = after;
    item.dueNext = after === undefined ? this.head : after.dueNext;
    if (item.dueNext === undefined) this.tail = item;
    else item.dueNext.duePrev = item;
    if (after === undefined) this.head = item;
    else after.dueNext = item;
    if (atMs < this.timerAtMs) this.schedule(atMs);
  }

  /** Takes `item` out of this list (nothing if it is not in it). A timer set for it fires to no effect. */
  disarm(item: T): void {
    if (item.dueList !== this) return;
    if (item.duePrev === undefined) this.head = item.dueNext;
    else item.duePrev.dueNext = item.dueNext;
    if (item.dueNext === undefined) this.tail = item.duePrev;
    else item.dueNext.duePrev = item.duePrev;
    item.duePrev = item.dueNext = undefined;
    item.dueList = undefined;
  }

  /** Drops every item and the timer. */
  clear(): void {
    while (this.head !== undefined) this.disarm(this.head);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAtMs = Infinity;
  }

  private schedule(atMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAtMs = atMs;
    this.timer = setTimeout(() => this.fire(), Math.max(0, atMs - this.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAtMs = Infinity;
    // The due items are taken out first: onDue may arm an item again, even for a time already past.
    const due: T[] = [];
    const now = this.now();
    while (this.head !== undefined && this.head.dueAtMs <= now) {
      const item = this.head;
      this.disarm(item);
      due.push(item);
    }
    for (const item of due) this.onDue(item);
    if (this.head !== undefined && this.timer === undefined) this.schedule(this.head.dueAtMs);
  }
}
