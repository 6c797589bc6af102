import type { LockCommand, LockQuery, LockQueryResult, LockResult } from './types.js';

/** The parts of a RaftNode (running `lockService`) the ticker uses. */
export interface TickerNode {
  readonly isLeader: boolean;
  propose(command: LockCommand): Promise<LockResult>;
  read(query: LockQuery, options: { consistency: 'stale' }): Promise<LockQueryResult>;
}

export interface LockTickerOptions {
  /** How often the leader checks for a due expiry. Default 250 ms: the most a lease overstays when idle. */
  readonly intervalMs?: number;
  /** Wall clock of this node; the leader stamps log time from the same clock. Default Date.now. */
  readonly nowMs?: () => number;
}

/**
 * Proposes `tick` so that leases expire (and waiters get the lock) even when no client writes.
 *
 * Only the leader proposes, and only when the earliest lease expiry is due by its own clock — the clock it
 * stamps log time with — so an idle cluster with no held locks writes nothing. The decision to tick
 * reads the wall clock; the state machine never does: expiry itself happens in `apply`, at the tick's
 * log time, on every replica alike.
 */
export class LockTicker {
  /** Ticks proposed, and ticks that failed (a failed tick is simply tried again at the next interval). */
  ticksProposed = 0;
  tickFailures = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;
  private readonly intervalMs: number;
  private readonly nowMs: () => number;

  constructor(
    private readonly node: TickerNode,
    options: LockTickerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 250;
    this.nowMs = options.nowMs ?? Date.now;
  }

  start(): this {
    if (this.timer === undefined) this.timer = setInterval(() => void this.check(), this.intervalMs);
    return this;
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One check; at most one is in flight, so a slow cluster is not flooded with ticks. */
  async check(): Promise<void> {
    if (this.busy || !this.node.isLeader) return;
    this.busy = true;
    try {
      const summary = await this.node.read({ type: 'summary' }, { consistency: 'stale' });
      if (summary.kind !== 'summary' || summary.nextExpiryMs === null || summary.nextExpiryMs > this.nowMs()) return;
      this.ticksProposed++;
      await this.node.propose({ type: 'tick' });
    } catch {
      this.tickFailures++;
    } finally {
      this.busy = false;
    }
  }
}
