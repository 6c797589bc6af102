// What a replica spends per command on put against set, outside any cluster: decode the command, apply it
// over 1,000 keys of 128 B values, encode the result (what the session table keeps and the leader sends)
// and decode it (what the client does). Alternating rounds; prints ns per command.
// Run after `npm run build`: node examples/kv-store/scripts/set-vs-put.mjs
import { randomBytes } from 'node:crypto';
import { KvStore, kvCommandCodec, kvResultCodec } from '../dist/index.js';

const KEYS = 1000;
const COMMANDS = 400_000;
const value = randomBytes(128);

function nsPerCommand(type) {
  const frames = Array.from({ length: KEYS }, (_, i) => kvCommandCodec.encode({ type, key: `k${i}`, value }));
  const store = new KvStore();
  for (const frame of frames) store.apply(kvCommandCodec.decode(frame));
  let resultBytes = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < COMMANDS; i++) {
    const encoded = kvResultCodec.encode(store.apply(kvCommandCodec.decode(frames[i % KEYS])));
    resultBytes += encoded.byteLength;
    kvResultCodec.decode(encoded);
  }
  return { ns: Number(process.hrtime.bigint() - started) / COMMANDS, resultBytes: resultBytes / COMMANDS };
}

for (let round = 1; round <= 3; round++) {
  const put = nsPerCommand('put');
  const set = nsPerCommand('set');
  console.log(`round ${round}: put ${put.ns.toFixed(0)} ns/command (result ${put.resultBytes} B), set ${set.ns.toFixed(0)} ns/command (result ${set.resultBytes} B)`);
}
