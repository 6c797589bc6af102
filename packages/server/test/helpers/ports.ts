// Other suites (and other work trees on a shared machine) start clusters on fixed ports: pick a base
// port whose peer (base+1…) and HTTP (base+101…) ports are free right now, from a random spot.
import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768+), where outgoing connections take their ports, and above the
// fixed ports other suites use (23000–27999).
const PORT_RANGE_FIRST = 28_000;
const PORT_RANGE_BLOCKS = 23; // bases 28000, 28200, …, 32400 (a block uses base+1…, base+101…, base+190…)
const TRIES_MAX = 20;

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A base port for `up({ basePort })` with `nodes` nodes, plus `extra` more free ports at base+190…. */
export async function freeBasePort(nodes: number, extra = 0): Promise<number> {
  for (let k = 0; k < TRIES_MAX; k++) {
    const base = PORT_RANGE_FIRST + 200 * Math.floor(Math.random() * PORT_RANGE_BLOCKS);
    const ports = [...Array.from({ length: nodes }, (_, i) => [base + 1 + i, base + 101 + i]).flat(), ...Array.from({ length: extra }, (_, i) => base + 190 + i)];
    if ((await Promise.all(ports.map(free))).every(Boolean)) return base;
  }
  throw new Error(`no free block of ports found in ${TRIES_MAX} tries`);
}
