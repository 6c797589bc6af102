// The far side of bench/transport-bench.mjs, in its own process. argv[2] is a JSON config:
//   { mode: 'bare' | 'raftbus', address, curve?: { server: {publicKey, secretKey}, client: {...} }, peers? }
// bare: a zeromq.js ROUTER echoing every message back on the same socket (the floor).
// raftbus: a ZmqTransport node 's' answering every message with the same message back to its sender.
// It prints "ready" and exits by itself when stdin closes (with `reportCpu`, printing its CPU time to stderr first).
import { Router } from 'zeromq';
import { ZmqTransport, silentLogger } from '@raftbus/transport-zeromq';

const config = JSON.parse(process.argv[2]);
let stop;

if (config.mode === 'bare') {
  const router = new Router({
    linger: 0,
    ...(config.curve ? { curveServer: true, curveSecretKey: config.curve.server.secretKey, curvePublicKey: config.curve.server.publicKey } : {}),
  });
  await router.bind(config.address);
  const loop = (async () => {
    for (;;) {
      let parts;
      try {
        parts = await router.receive();
        await router.send(parts);
      } catch {
        if (router.closed) return;
      }
    }
  })();
  stop = async () => {
    router.close();
    await loop;
  };
} else {
  const transport = new ZmqTransport({ peers: config.peers, curve: config.curve?.server, logger: silentLogger });
  await transport.start('s', (msg) => transport.send([{ ...msg, from: 's', to: msg.from }]));
  stop = () => transport.stop();
}

process.stdout.write('ready\n');
const cpuAtReady = process.cpuUsage();
process.stdin.resume();
process.stdin.on('end', async () => {
  // Reported on request: the CPU this process (main thread and ZeroMQ I/O thread) spent serving.
  const cpu = process.cpuUsage(cpuAtReady);
  if (config.reportCpu) process.stderr.write(`echo-server cpu µs ${cpu.user + cpu.system}\n`);
  await stop();
  process.stdin.destroy();
});
