/** The subset of a pino logger the transport uses; pass `pino()` or a child of it. */
export interface TransportLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Writes one JSON line per event to stderr (the default when no logger is given). */
export const stderrLogger: TransportLogger = {
  warn(fields, message) {
    process.stderr.write(`${JSON.stringify({ level: 'warn', time: Date.now(), ...fields, msg: message })}\n`);
  },
};

export const silentLogger: TransportLogger = { warn() {} };

/**
 * Logs at most `linesPerIntervalMax` lines per `intervalMs` for each key, so a peer sending garbage in a
 * loop cannot flood the log; the next line after a quiet spell reports how many were suppressed.
 */
export class RateLimitedLogger {
  private readonly windows = new Map<string, { start: number; lines: number; suppressed: number }>();

  constructor(
    private readonly logger: TransportLogger,
    private readonly linesPerIntervalMax = 10,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(key: string, fields: Record<string, unknown>, message: string): void {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.intervalMs) {
      const suppressed = w?.suppressed ?? 0;
      w = { start: now, lines: 0, suppressed: 0 };
      this.windows.set(key, w);
      if (suppressed > 0) fields = { ...fields, suppressedSinceLastLine: suppressed };
    }
    if (w.lines >= this.linesPerIntervalMax) {
      w.suppressed++;
      return;
    }
    w.lines++;
    this.logger.warn(fields, message);
  }
}
