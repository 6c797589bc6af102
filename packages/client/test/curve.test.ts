// CURVE on the client endpoint: without the node's public key a client cannot even complete a
// handshake; with an allow-list, only listed client keys get in; with the right keys everything works.
import t from 'tap';
import { TimeoutError } from '@raftbus/core';
import { generateCurveKeyPair } from '@raftbus/transport-zeromq';
import { RaftbusClient } from '../src/index.js';
import { waitFor } from './helpers/fake-node.js';
import { inProcessCluster } from './helpers/in-process.js';

/** How long a refused client keeps trying before its request fails. */
const REFUSED_TIMEOUT_MS = 1_500;

t.test('CURVE with an allow-list of client keys', async (t) => {
  const server = generateCurveKeyPair();
  const allowed = generateCurveKeyPair();
  const stranger = generateCurveKeyPair();
  const cluster = await inProcessCluster(1, { curve: { ...server, authorizedClientKeys: [allowed.publicKey] } });
  t.teardown(() => cluster.stop());
  const address = cluster.addresses[0]!;

  const plain = new RaftbusClient({ nodes: [address], timeoutMs: REFUSED_TIMEOUT_MS });
  t.teardown(() => plain.close());
  const refused = await plain.counter().add('hits').catch((e: unknown) => e);
  t.type(refused, TimeoutError, 'no CURVE at all: never connects, the request times out unsent');
  t.match(String(refused), /no connection to any node is up/, `and says why: ${String(refused)}`);
  // Whichever side reads the other's greeting first gives up, so the failure shows on one side or the
  // other (socket events reach JavaScript asynchronously: give them a moment).
  const failures = () => cluster.metrics[0]!.handshakeFailures + plain.stats.handshakeFailures;
  t.ok(await waitFor(() => failures() > 0, REFUSED_TIMEOUT_MS), `the failed handshakes were seen (node ${cluster.metrics[0]!.handshakeFailures}, client ${plain.stats.handshakeFailures})`);

  const wrongServerKey = new RaftbusClient({ nodes: [{ address, publicKey: stranger.publicKey }], curve: allowed, timeoutMs: REFUSED_TIMEOUT_MS });
  t.teardown(() => wrongServerKey.close());
  await t.rejects(wrongServerKey.counter().add('hits'), TimeoutError, 'an allowed client key but the wrong server key: refused');

  const notListed = new RaftbusClient({ nodes: [{ address, publicKey: server.publicKey }], curve: stranger, timeoutMs: REFUSED_TIMEOUT_MS });
  t.teardown(() => notListed.close());
  await t.rejects(notListed.counter().add('hits'), TimeoutError, 'the server key but a client key not on the list: refused');

  const good = new RaftbusClient({ nodes: [{ address, publicKey: server.publicKey }], curve: allowed });
  t.teardown(() => good.close());
  const hits = good.counter();
  const results = await Promise.all([1, 2, 3].map((d) => hits.add('hits', d)));
  t.equal(Math.max(...results), 6, 'with both keys right, commands go through');
  t.equal(await hits.get('hits'), 6, 'and none of the refused clients\' adds ever applied');
});

t.test('CURVE without an allow-list: any client holding the server key gets in (its own key is generated)', async (t) => {
  const server = generateCurveKeyPair();
  const cluster = await inProcessCluster(1, { curve: server });
  t.teardown(() => cluster.stop());
  const address = cluster.addresses[0]!;
  const plain = new RaftbusClient({ nodes: [address], timeoutMs: REFUSED_TIMEOUT_MS });
  t.teardown(() => plain.close());
  await t.rejects(plain.counter().add('hits'), TimeoutError, 'still no way in without CURVE');
  const keyed = new RaftbusClient({ nodes: [{ address, publicKey: server.publicKey }] });
  t.teardown(() => keyed.close());
  t.equal(await keyed.counter().add('hits', 5), 5);
});
