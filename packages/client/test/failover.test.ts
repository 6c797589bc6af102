// End to end, through the CLI: a 3-process counter cluster (`raftbus up`: RocksDB, ZeroMQ), a stream of
// increments from many concurrent callers through one client, the leader SIGKILLed mid-stream. The
// client must fail over, and every increment it acknowledged must be applied exactly once.
import t from 'tap';
import { Dealer } from 'zeromq';
import { encodeClientFrame } from '@raftbus/wire';
import { RaftbusClient } from '../src/index.js';
import { sleep, startCluster } from '../bench/cluster.js';

const CALLERS = 64;
const LOAD_MS = 7_000;
const KILL_AFTER_MS = 2_000;
/** Bound on increments, whatever the speed. */
const INCREMENTS_MAX = 500_000;
/** Generous: a request may wait out an election and retries; none should fail. */
const REQUEST_TIMEOUT_MS = 30_000;

t.test('exactly once across a leader SIGKILL: the final count equals the acknowledged increments', async (t) => {
  const cluster = await startCluster({ app: 'counter', basePort: 25000 });
  t.teardown(() => cluster.stop());
  const { k: leaderK, status: leader } = await cluster.leader();

  // Garbage at the leader's client port first: it must keep serving.
  const vandal = new Dealer({ linger: 0 });
  vandal.connect(cluster.clientAddresses[leaderK]!);
  const valid = encodeClientFrame({ kind: 'requests', requests: [{ clientId: 'v', sequence: 1, requestId: 1, kind: 'command', payload: new Uint8Array(40), staleReadOk: false, ackedBelow: 0 }] });
  await vandal.send(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x7f])); // malformed
  await vandal.send(valid.subarray(0, valid.byteLength - 10)); // truncated
  await vandal.send(Buffer.alloc(5 * 1024 * 1024, 0x0a)); // over the endpoint's 4 MiB bound
  await vandal.send([Buffer.from('two'), Buffer.from('parts')]);
  await sleep(200);
  vandal.close();

  const client = new RaftbusClient({ nodes: cluster.clientAddresses, timeoutMs: REQUEST_TIMEOUT_MS });
  t.teardown(() => client.close());
  const counter = client.counter();
  t.equal(await counter.get('exactly-once'), 0, 'the leader that took the garbage serves a linearizable read');
  t.equal(client.leader, leader.id, 'the client found the leader');

  const values: number[] = [];
  const failures: string[] = [];
  let issued = 0;
  let killedAtMs = 0;
  let ackedBeforeKill = 0;
  let firstAckAfterKillMs = 0;
  const started = Date.now();
  const stopAt = started + LOAD_MS;
  const killer = (async () => {
    await sleep(KILL_AFTER_MS);
    ackedBeforeKill = values.length;
    killedAtMs = Date.now();
    process.kill(leader.pid, 'SIGKILL');
  })();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (Date.now() < stopAt && issued < INCREMENTS_MAX) {
        issued++;
        try {
          values.push(await counter.add('exactly-once'));
          if (killedAtMs && !firstAckAfterKillMs && values.length > ackedBeforeKill + CALLERS) firstAckAfterKillMs = Date.now();
        } catch (err) {
          failures.push(String(err));
        }
      }
    }),
  );
  await killer;

  const final = await counter.get('exactly-once');
  const acked = values.length;
  const survivors = cluster.httpUrls.filter((_, k) => k !== leaderK);
  const viaHttp = await Promise.all(survivors.map(async (u) => ((await (await fetch(`${u}/v1/counters/exactly-once`)).json()) as { value: number }).value));
  const newLeader = await cluster.leader();
  t.comment(
    `increments: issued ${issued}, acknowledged ${acked} (${ackedBeforeKill} before the kill), failed ${failures.length}; final ${final}; ` +
      `leader ${leader.id} killed at +${killedAtMs - started} ms, new leader ${newLeader.status.id}, ` +
      `throughput resumed ${firstAckAfterKillMs ? firstAckAfterKillMs - killedAtMs : 'never'} ms after the kill; ` +
      `client: ${client.stats.retries} retries, ${client.stats.redirects} redirects, ${client.stats.attemptTimeouts} attempt timeouts, ` +
      `${client.stats.disconnects} disconnects, ${client.stats.lateAnswers} late answers`,
  );
  t.same(failures.slice(0, 3), [], 'no increment failed (each waited out the failover)');
  t.ok(ackedBeforeKill > 0 && acked > ackedBeforeKill + CALLERS, 'increments were acknowledged before the kill and after it');
  t.not(newLeader.status.id, leader.id, 'another node leads');
  t.ok(client.stats.disconnects >= 1, 'the client saw the leader go');
  t.equal(final, acked, 'exactly once: the final count is the number of acknowledged increments');
  t.equal(new Set(values).size, acked, 'every acknowledged increment got its own value (none answered twice)');
  t.equal(Math.max(...values), final, 'and the largest value answered is the final count');
  t.same(viaHttp, survivors.map(() => final), 'both survivors agree (read over HTTP)');
});
