// End to end through the CLI: `raftbus up --nodes 3 --app kv-store`, clients on every node doing
// get/put/cas/delete over HTTP while the leader is killed with SIGKILL; the history is checked by the
// testkit linearizability checker.
import t from 'tap';
import { checkOperations, HistoryRecorder, kvModel, renderCheckResult, type KvInput, type KvOutput } from '@raftbus/testkit';
import { findLeader, json, up } from './helpers/up.js';

const CLIENTS = 6;
const RUN_MS = 7_000;
const KILL_AT_MS = 2_500;
const KEYS = ['a', 'b', 'c'];

t.test('kv-store history over HTTP under a leader kill is linearizable', async (t) => {
  const cluster = await up({ app: 'kv-store', basePort: 24000 });
  t.teardown(() => cluster.stop());
  const started = Date.now();
  // Wall-clock timestamps: every client runs in this process, so they order events as they happened.
  const recorder = new HistoryRecorder<KvInput, KvOutput>({ now: () => performance.now() });
  const counts = { ok: 0, unknown: 0, failed: 0 };
  let seq = 0;

  async function client(c: number) {
    let k = c;
    while (Date.now() - started < RUN_MS) {
      const url = cluster.urls[k++ % cluster.urls.length]!;
      const key = KEYS[Math.floor(Math.random() * KEYS.length)]!;
      const r = Math.random();
      const value = `${c}-${seq++}`;
      const input: KvInput =
        r < 0.45 ? { op: 'get', key } : r < 0.75 ? { op: 'put', key, value } : r < 0.9 ? { op: 'cas', key, expected: Math.random() < 0.3 ? null : `${Math.floor(Math.random() * CLIENTS)}-${Math.max(0, seq - 1 - Math.floor(Math.random() * 6))}`, value } : { op: 'delete', key };
      const op = recorder.invoke(c, input);
      try {
        const res =
          input.op === 'get'
            ? await json(`${url}/v1/kv/${key}`, 'GET', undefined, {}, 3000)
            : input.op === 'put'
              ? await json(`${url}/v1/kv/${key}`, 'PUT', { value: input.value }, {}, 3000)
              : input.op === 'cas'
                ? await json(`${url}/v1/kv/${key}/cas`, 'POST', { expected: input.expected, value: input.value }, {}, 3000)
                : await json(`${url}/v1/kv/${key}`, 'DELETE', undefined, {}, 3000);
        if (input.op === 'get' && res.status === 404) op.ok({ value: null });
        else if (res.status === 200) op.ok(input.op === 'get' ? { value: res.body.value } : input.op === 'cas' ? { ok: res.body.ok } : {});
        else if (res.status >= 400 && res.status < 500) op.failed(); // refused before it was proposed
        else op.unknown(); // 5xx: may or may not have taken effect
        counts[res.status === 200 || res.status === 404 ? 'ok' : res.status < 500 ? 'failed' : 'unknown']++;
      } catch (e) {
        // A refused connection never reached a node (the killed one): certainly not applied.
        if ((e as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') {
          op.failed();
          counts.failed++;
        } else {
          op.unknown();
          counts.unknown++;
        }
      }
    }
  }

  const killer = (async () => {
    await new Promise((r) => setTimeout(r, KILL_AT_MS));
    const leader = await findLeader(cluster.urls);
    process.kill(leader.pid, 'SIGKILL');
    t.comment(`killed leader ${leader.id} (pid ${leader.pid})`);
  })();
  await Promise.all([...Array.from({ length: CLIENTS }, (_, c) => client(c)), killer]);

  const history = recorder.history();
  const result = checkOperations(kvModel, history, { timeoutMs: 60_000 });
  t.comment(`operations ${history.length} (ok ${counts.ok}, unknown ${counts.unknown}, refused ${counts.failed}); verdict ${result.verdict} in ${Math.round(result.elapsedMs)} ms`);
  t.ok(counts.ok >= 100, `enough completed operations (${counts.ok})`);
  t.equal(result.verdict, 'ok', renderCheckResult(kvModel, result));
});
