/**
 * Rings up to this many slots (2 KiB of pointers) keep their size: a window that fills and empties every
 * batch, as at 256 requests in flight, would otherwise regrow its ring every time.
 */
const SHRINK_FLOOR_SLOTS = 256;

/**
 * A map from non-negative integer keys to values, for keys that arrive in about increasing order and
 * leave in about the same order: sequence numbers, request ids, log indexes. The values sit in a ring
 * of slots over the keys' span, from the lowest key present to the highest; the ring doubles when the
 * span outgrows it. A ring grown past SHRINK_FLOOR_SLOTS shrinks again once the span fits in an eighth
 * of it.
 *
 * Why not a `Map`: V8's ordered hash tables rebuild themselves once deleted entries fill them, so a
 * `Map` used as a sliding window allocates a whole new table every few hundred operations. Those tables
 * live just long enough to be promoted, and the old-generation collector frees them later. On a leader
 * at 256 requests in flight (a sampling heap profile), Map and Set tables were 45 % of the bytes
 * promoted, three quarters of them the windows that are SequenceMaps now (sessions.ts,
 * duplicate-filter.ts, requests.ts).
 *
 * Memory follows the span, not the count: callers bound the span (`span`, `spanWith`) as well as the
 * size. Values must not be `undefined` (an empty slot is `undefined`).
 */
export class SequenceMap<V> {
  private slots: (V | undefined)[];
  private mask: number;
  /** The lowest key present; when the map is empty, equal to `end`. */
  private first = 0;
  /** One past the highest key present. */
  private end = 0;
  private count = 0;
  private readonly minCapacity: number;

  constructor(initialCapacity = 16) {
    this.minCapacity = powerOfTwoAtLeast(Math.max(1, initialCapacity));
    this.slots = new Array<V | undefined>(this.minCapacity).fill(undefined);
    this.mask = this.minCapacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Slots in the ring: the memory held, in pointers. */
  get capacity(): number {
    return this.slots.length;
  }

  /** Keys from the lowest present to the highest present, inclusive (0 when empty). */
  get span(): number {
    return this.end - this.first;
  }

  /** The span once `key` were set. */
  spanWith(key: number): number {
    if (this.count === 0) return 1;
    return Math.max(this.end, key + 1) - Math.min(this.first, key);
  }

  /** The lowest key present. */
  firstKey(): number | undefined {
    return this.count === 0 ? undefined : this.first;
  }

  /** The value at `key`; undefined for any key not present, including one that is not an integer. */
  get(key: number): V | undefined {
    return key >= this.first && key < this.end && Number.isInteger(key) ? this.slots[key & this.mask] : undefined;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  set(key: number, value: V): void {
    if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`SequenceMap key must be a non-negative safe integer, got ${key}`);
    if (value === undefined) throw new TypeError('SequenceMap values must not be undefined');
    if (this.count === 0) {
      this.first = key;
      this.end = key + 1;
    } else if (key < this.first) {
      this.reserve(this.end - key);
      this.first = key;
    } else if (key >= this.end) {
      this.reserve(key + 1 - this.first);
      this.end = key + 1;
    }
    const slot = key & this.mask;
    if (this.slots[slot] === undefined) this.count++;
    this.slots[slot] = value;
  }

  /**
   * Sets `key` within two bounds: at most `maxSize` entries, over a span of at most `maxSpan` keys. The
   * oldest entries (lowest keys) are dropped to stay within them, and `key` itself when it would be the
   * oldest of a span too wide. Returns the key below which every entry is now gone because of the bounds,
   * or 0 when none was dropped.
   */
  setWithin(key: number, value: V, maxSize: number, maxSpan: number): number {
    let droppedBelow = 0;
    if (this.spanWith(key) > maxSpan) {
      if (key < this.first) return key + 1;
      droppedBelow = key - maxSpan + 1;
      this.deleteBelow(droppedBelow);
    }
    this.set(key, value);
    if (this.count > maxSize) {
      const oldest = this.first;
      this.delete(oldest);
      droppedBelow = Math.max(droppedBelow, oldest + 1);
    }
    return droppedBelow;
  }

  delete(key: number): boolean {
    if (this.get(key) === undefined) return false;
    this.slots[key & this.mask] = undefined;
    this.count--;
    if (this.count === 0) this.first = this.end;
    else if (key === this.first) while (this.slots[this.first & this.mask] === undefined) this.first++;
    else if (key === this.end - 1) while (this.slots[(this.end - 1) & this.mask] === undefined) this.end--;
    this.shrinkToFit();
    return true;
  }

  /** Deletes every key below `key`; returns how many there were. */
  deleteBelow(key: number): number {
    let deleted = 0;
    const stop = Math.min(key, this.end);
    for (let k = this.first; k < stop; k++) {
      const slot = k & this.mask;
      if (this.slots[slot] !== undefined) {
        this.slots[slot] = undefined;
        deleted++;
      }
    }
    this.count -= deleted;
    if (this.count === 0) this.first = this.end;
    else if (stop > this.first) {
      this.first = stop;
      while (this.slots[this.first & this.mask] === undefined) this.first++;
    }
    this.shrinkToFit();
    return deleted;
  }

  clear(): void {
    for (let k = this.first; k < this.end; k++) this.slots[k & this.mask] = undefined;
    this.count = 0;
    this.first = this.end = 0;
  }

  /** Entries in increasing key order. Deleting the entry being visited (or earlier ones) is allowed. */
  *entries(): IterableIterator<[number, V]> {
    for (let k = this.first; k < this.end; k++) {
      const v = this.slots[k & this.mask];
      if (v !== undefined) yield [k, v];
    }
  }

  *keys(): IterableIterator<number> {
    for (let k = this.first; k < this.end; k++) if (this.slots[k & this.mask] !== undefined) yield k;
  }

  *values(): IterableIterator<V> {
    for (let k = this.first; k < this.end; k++) {
      const v = this.slots[k & this.mask];
      if (v !== undefined) yield v;
    }
  }

  /** Grows the ring to hold a span of `span` keys, keeping every entry at its key. */
  private reserve(span: number): void {
    if (span <= this.slots.length) return;
    this.resize(powerOfTwoAtLeast(span));
  }

  /**
   * A ring that once held a wide window gives its memory back: once the span fits in an eighth of the
   * ring, it shrinks to four times the span, or SHRINK_FLOOR_SLOTS. Growing again needs the span to
   * quadruple, so the two cannot alternate quickly.
   */
  private shrinkToFit(): void {
    const capacity = this.slots.length;
    const floor = Math.max(this.minCapacity, SHRINK_FLOOR_SLOTS);
    if (capacity > floor && this.span <= capacity / 8) this.resize(Math.max(floor, powerOfTwoAtLeast(4 * Math.max(1, this.span))));
  }

  private resize(capacity: number): void {
    const slots = new Array<V | undefined>(capacity).fill(undefined);
    const mask = capacity - 1;
    for (let k = this.first; k < this.end; k++) slots[k & mask] = this.slots[k & this.mask];
    this.slots = slots;
    this.mask = mask;
  }
}

function powerOfTwoAtLeast(n: number): number {
  if (n > 2 ** 30) throw new RangeError(`SequenceMap span ${n} is over 2^30 keys`);
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
