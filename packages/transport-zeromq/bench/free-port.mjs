import { createServer } from 'node:net';

/** A port the kernel just handed out on 127.0.0.1 (closed again; the benchmarks accept the tiny reuse race). */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
