import { createServer } from 'node:net';
import { BenchConfigError } from './errors.js';

/** Free now on 127.0.0.1 (another work tree may hold it; whoever binds first wins, so this is a hint). */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * The first base in `candidates` whose every `offsets` port is free. The bench keeps to its own range
 * (30000–30999) so that it never meets the fixed ports of other work trees' tests.
 */
export async function freeBase(candidates: readonly number[], offsets: readonly number[], portMax: number): Promise<number> {
  for (const base of candidates) {
    const ports = offsets.map((o) => base + o);
    if (ports.some((p) => p > portMax)) continue;
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new BenchConfigError('--base-port', `no free ports at any of ${candidates.join(', ')} (offsets ${offsets[0]}…${offsets[offsets.length - 1]})`);
}
