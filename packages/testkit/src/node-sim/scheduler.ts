import type { Clock, TimerHandle } from '@raftbus/core';

/** Bound on deferred-callback rounds in one drain: a runaway loop of self-scheduling work is a bug. */
const DRAIN_ROUNDS_MAX = 100_000;
/** Virtual epoch of the simulated clocks (a plausible wall-clock time, so log times look real). */
const EPOCH_MS = 1_700_000_000_000;

interface Timer {
  readonly id: number;
  at: number;
  readonly every: number | undefined;
  readonly fn: () => void;
  cancelled: boolean;
}

const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Virtual time for whole-node simulations. Timers, message deliveries and RaftNode's deferred turns all
 * run from here, in a deterministic order (time, then creation order); between two events every promise
 * continuation settles (real macrotask boundaries flush the microtask queue, and nothing else in the
 * process schedules real work). So a seed replays exactly.
 */
export class VirtualScheduler {
  private nowMs = 0;
  private nextId = 1;
  private timers: Timer[] = [];
  private deferred: Array<() => void> = [];

  get now(): number {
    return this.nowMs;
  }

  at(delayMs: number, fn: () => void): TimerHandle {
    return this.add(delayMs, undefined, fn);
  }

  every(periodMs: number, fn: () => void): TimerHandle {
    return this.add(periodMs, periodMs, fn);
  }

  cancel(handle: TimerHandle): void {
    const t = this.timers.find((x) => x.id === handle);
    if (t) t.cancelled = true;
  }

  defer(fn: () => void): void {
    this.deferred.push(fn);
  }

  /** A Clock for one node (every node shares virtual time; the simulation has no clock skew). */
  clock(): Clock {
    return {
      now: () => EPOCH_MS + this.nowMs,
      setInterval: (fn, ms) => this.every(ms, fn),
      clearInterval: (h) => this.cancel(h),
      defer: (fn) => this.defer(fn),
    };
  }

  /** Run every event up to virtual time `untilMs` (inclusive), settling all async work between events. */
  async runUntil(untilMs: number): Promise<void> {
    for (;;) {
      await this.drain();
      const next = this.popDue(untilMs);
      if (!next) break;
      this.nowMs = Math.max(this.nowMs, next.at);
      if (next.every !== undefined) {
        next.at = this.nowMs + next.every;
        this.insert(next);
      }
      next.fn();
    }
    this.nowMs = Math.max(this.nowMs, untilMs);
    await this.drain();
  }

  private async drain(): Promise<void> {
    for (let round = 0; round < DRAIN_ROUNDS_MAX; round++) {
      await flushMicrotasks();
      if (this.deferred.length === 0) return;
      const batch = this.deferred;
      this.deferred = [];
      for (const fn of batch) fn();
    }
    throw new Error(`virtual scheduler: deferred work did not settle in ${DRAIN_ROUNDS_MAX} rounds`);
  }

  private add(delayMs: number, every: number | undefined, fn: () => void): TimerHandle {
    const t: Timer = { id: this.nextId++, at: this.nowMs + Math.max(0, delayMs), every, fn, cancelled: false };
    this.insert(t);
    return t.id;
  }

  private insert(t: Timer): void {
    // Sorted by (at, id); binary search keeps insertion O(log n) comparisons.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.timers[mid]!;
      if (m.at < t.at || (m.at === t.at && m.id < t.id)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, t);
  }

  private popDue(untilMs: number): Timer | undefined {
    while (this.timers.length > 0) {
      const t = this.timers[0]!;
      if (t.cancelled) {
        this.timers.shift();
        continue;
      }
      if (t.at > untilMs) return undefined;
      this.timers.shift();
      return t;
    }
    return undefined;
  }
}
