/**
 * The two load shapes, over any `send(seq)` (the driver passes a put through @raftbus/client; tests pass
 * a fake). Both have a warm-up that is not counted, then a measured window; latency is recorded for the
 * requests sent inside the window, throughput counts the completions inside it.
 */
import { LatencyHistogram } from '../histogram.js';

export type Send = (seq: number) => Promise<unknown>;

export interface LoopTiming {
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Every loop is bounded by count as well as by time. */
  readonly requestsMax: number;
  /** Called when the measured window opens and closes (the parent samples the nodes' CPU then). */
  readonly onMeasureStart?: () => void;
  readonly onMeasureEnd?: () => void;
}

export interface LoopOutcome {
  readonly histogram: LatencyHistogram;
  /** Successful requests sent inside the window (= the histogram's count). */
  readonly commits: number;
  readonly completedInWindow: number;
  readonly windowSeconds: number;
  readonly errors: number;
  readonly errorCodes: Record<string, number>;
  /** Open loop: sends skipped at the outstanding bound, or still unanswered when the drain ended. */
  readonly skipped: number;
  readonly unfinished: number;
}

/** A closed loop stops early after this many failed requests in one level (a dead cluster must not spin). */
export const ERRORS_PER_LEVEL_MAX = 1_000;
/** Open loop: most requests outstanding at once before scheduled sends are skipped (and counted). */
export const OPEN_LOOP_OUTSTANDING_MAX = 50_000;
/** After the last scheduled send, how long answers are awaited (the client's own request timeout is 10 s). */
export const DRAIN_TIMEOUT_MS = 12_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.name : 'unknown';
}

class Window {
  readonly histogram = new LatencyHistogram();
  readonly errorCodes: Record<string, number> = {};
  readonly start = performance.now();
  readonly from: number;
  readonly until: number;
  completedInWindow = 0;
  errors = 0;
  lastCompletion = 0;
  /** The window's edge callbacks not yet called, in order, with their timers. */
  private readonly pendingEdges = new Map<() => void, NodeJS.Timeout>();

  constructor(t: LoopTiming) {
    this.from = this.start + t.warmupMs;
    this.until = this.from + t.measureMs;
    this.schedule(t.onMeasureStart, t.warmupMs);
    this.schedule(t.onMeasureEnd, t.warmupMs + t.measureMs);
  }

  private schedule(callback: (() => void) | undefined, atMs: number): void {
    if (!callback) return;
    const timer = setTimeout(() => {
      this.pendingEdges.delete(callback);
      callback();
    }, atMs);
    this.pendingEdges.set(callback, timer);
  }

  succeeded(sentAt: number, doneAt: number): void {
    if (sentAt >= this.from) this.histogram.record((doneAt - sentAt) * 1000);
    if (doneAt >= this.from && doneAt <= this.until) this.completedInWindow++;
    if (doneAt > this.lastCompletion) this.lastCompletion = doneAt;
  }

  failed(sentAt: number, err: unknown): void {
    if (sentAt < this.from) return;
    this.errors++;
    const code = errorCode(err);
    this.errorCodes[code] = (this.errorCodes[code] ?? 0) + 1;
  }

  outcome(skipped: number, unfinished: number): LoopOutcome {
    // The last answer can land after the window closed but before its timer ran (I/O is served before
    // timers): call what is still due, in order, so the edges are never skipped.
    for (const [callback, timer] of this.pendingEdges) {
      clearTimeout(timer);
      callback();
    }
    this.pendingEdges.clear();
    // A loop cut short (count bound, errors) measured only up to its last answer.
    const end = Math.min(this.until, Math.max(this.from, this.lastCompletion));
    const windowSeconds = Math.max(1e-3, (end - this.from) / 1000);
    return {
      histogram: this.histogram,
      commits: this.histogram.count,
      completedInWindow: this.completedInWindow,
      windowSeconds,
      errors: this.errors,
      errorCodes: this.errorCodes,
      skipped,
      unfinished,
    };
  }
}

/** `inFlight` callers, each sending its next request when the previous one answers. */
export async function closedLoop(send: Send, inFlight: number, t: LoopTiming): Promise<LoopOutcome> {
  const w = new Window(t);
  let issued = 0;
  const caller = async () => {
    while (performance.now() < w.until && issued < t.requestsMax && w.errors < ERRORS_PER_LEVEL_MAX) {
      const seq = issued++;
      const sentAt = performance.now();
      try {
        await send(seq);
        w.succeeded(sentAt, performance.now());
      } catch (err) {
        w.failed(sentAt, err);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, caller));
  return w.outcome(0, 0);
}

/**
 * Requests on a fixed schedule (`ratePerSecond`), whether or not earlier ones answered. Latency is
 * measured from each request's *scheduled* time, so a stall that delays sending (a slow event loop, a
 * full client queue) is charged to the requests it delayed: coordinated omission is not hidden.
 */
export async function openLoop(send: Send, ratePerSecond: number, t: LoopTiming): Promise<LoopOutcome> {
  const w = new Window(t);
  const intervalMs = 1000 / ratePerSecond;
  const scheduledTotal = Math.min(t.requestsMax, Math.floor((t.warmupMs + t.measureMs) / intervalMs));
  let next = 0;
  let outstanding = 0;
  let skipped = 0;
  let wakeDrain: (() => void) | undefined;
  const issue = (seq: number, scheduledAt: number) => {
    outstanding++;
    send(seq).then(
      () => w.succeeded(scheduledAt, performance.now()),
      (err: unknown) => w.failed(scheduledAt, err),
    ).finally(() => {
      outstanding--;
      if (outstanding === 0) wakeDrain?.();
    });
  };
  while (next < scheduledTotal) {
    const now = performance.now();
    const due = Math.min(scheduledTotal, Math.floor((now - w.start) / intervalMs) + 1);
    for (; next < due; next++) {
      const scheduledAt = w.start + next * intervalMs;
      if (outstanding >= OPEN_LOOP_OUTSTANDING_MAX) {
        if (scheduledAt >= w.from) skipped++;
        continue;
      }
      issue(next, scheduledAt);
    }
    if (next < scheduledTotal) await sleep(Math.max(0, w.start + next * intervalMs - performance.now()));
  }
  if (outstanding > 0) {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((r) => {
      wakeDrain = r;
      timer = setTimeout(r, DRAIN_TIMEOUT_MS);
    });
    clearTimeout(timer);
  }
  return w.outcome(skipped, outstanding);
}
