/** Opaque timer handle. */
export type TimerHandle = unknown;

/**
 * Time as the runtime sees it. The system clock in production; the simulator passes a virtual one so
 * that whole nodes run deterministically.
 */
export interface Clock {
  /** Milliseconds since the epoch (a leader stamps log time with it). */
  now(): number;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
  /** Run `fn` soon, after the current event-loop turn (so that a turn's requests batch together). */
  defer(fn: () => void): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  defer: (fn) => void setImmediate(fn),
};
