/**
 * The first indexes of the runs on disk, ascending, as every write planned so far leaves them (see
 * records.ts for the layout). Reads find the run holding an index here; writes and compactions learn which
 * runs to delete.
 */
export class RunIndex {
  private keys: number[];

  constructor(keys: readonly number[] = []) {
    this.keys = [...keys];
  }

  /** The largest run key at or below `index`, or undefined. */
  floor(index: number): number | undefined {
    const at = this.upperBound(index) - 1;
    return at >= 0 ? this.keys[at] : undefined;
  }

  /** The smallest run key above `key`, or undefined. */
  after(key: number): number | undefined {
    return this.keys[this.upperBound(key)];
  }

  /** Removes the keys above `index` and returns them. */
  removeAbove(index: number): number[] {
    return this.keys.splice(this.upperBound(index));
  }

  /** Records a run written at `key`, which every write makes the highest (it removed the keys above first). */
  add(key: number): void {
    const last = this.keys[this.keys.length - 1];
    if (last === key) return; // rewritten in place
    if (last !== undefined && last > key) throw new RangeError(`run ${key} added below run ${last}`);
    this.keys.push(key);
  }

  /**
   * Removes the keys of runs holding no live entry once the log starts at `firstIndex` and ends at
   * `lastIndex` (a run is live up to the next run's key − 1), and returns them.
   */
  removeDead(firstIndex: number, lastIndex: number): number[] {
    // Every run before the one holding the first index is dead; all of them when the log is empty.
    const deadCount = lastIndex < firstIndex ? this.keys.length : Math.max(0, this.upperBound(firstIndex) - 1);
    return this.keys.splice(0, deadCount);
  }

  /** Index of the first key above `value`. */
  private upperBound(value: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
