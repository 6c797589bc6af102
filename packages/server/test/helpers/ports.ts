// Other suites (and other work trees on a shared machine) start clusters on fixed ports: pick a base
// port whose peer (base+1…) and HTTP (base+101…) ports are free right now, from a random spot.
import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768+), where outgoing connections take their ports, and above the
// fixed ports other suites use (23000–27999).
const PORT_RANGE_FIRST = 28_000;
const PORT_RANGE_BLOCKS = 23; // bases 28000, 28200, …, 32400 (a block uses base+1…, base+101…, base+190…)
/**
 * Blocks handed out in this process are never handed out again: fetch keeps idle connections to a
 * stopped cluster's ports in its pool, and would reuse one (failing with "other side closed") against a
 * new cluster on the same ports.
 */
const usedBases = new Set<number>();

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A base port for `up({ basePort })` with `nodes` nodes, plus `extra` more free ports at base+190…. */
export async function freeBasePort(nodes: number, extra = 0): Promise<number> {
  // Every block once, from a random one: suites in parallel rarely start on the same block.
  const start = Math.floor(Math.random() * PORT_RANGE_BLOCKS);
  for (let k = 0; k < PORT_RANGE_BLOCKS; k++) {
    const base = PORT_RANGE_FIRST + 200 * ((start + k) % PORT_RANGE_BLOCKS);
    if (usedBases.has(base)) continue;
    const ports = [...Array.from({ length: nodes }, (_, i) => [base + 1 + i, base + 101 + i]).flat(), ...Array.from({ length: extra }, (_, i) => base + 190 + i)];
    if ((await Promise.all(ports.map(free))).every(Boolean)) {
      usedBases.add(base);
      return base;
    }
  }
  throw new Error(`no free block of ports in ${PORT_RANGE_FIRST}–${PORT_RANGE_FIRST + 200 * PORT_RANGE_BLOCKS}`);
}
