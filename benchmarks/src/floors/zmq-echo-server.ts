/**
 * The far side of the ZeroMQ floor: a bare zeromq.js ROUTER that sends every message back as it came.
 * No raftbus code, so the round trip it gives is what any Node process pays on loopback.
 *   node zmq-echo-server.js tcp://127.0.0.1:PORT   (prints "ready"; exits when stdin closes)
 */
import { Router } from 'zeromq';

const address = process.argv[2] ?? '';
const router = new Router({ linger: 0 });
await router.bind(address);
const loop = (async () => {
  while (!router.closed) {
    try {
      // One receive and one send pending at a time: the echo's client keeps one message in flight.
      await router.send(await router.receive());
    } catch {
      // receive() rejects once the socket is closed; the loop condition ends it.
    }
  }
})();
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  router.close();
  void loop.then(() => process.stdin.destroy());
});
