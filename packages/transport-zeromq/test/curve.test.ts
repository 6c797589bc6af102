import t from 'tap';
import { Dealer } from 'zeromq';
import { encodePeerFrame } from '@raftbus/wire';
import type { Message } from '@raftbus/core';
import {
  CountingTransportMetrics,
  ZmqConfigError,
  ZmqTransport,
  generateCurveKeyPair,
  isCurveKey,
  silentLogger,
  z85Decode,
  z85Encode,
} from '../src/index.js';
import { heartbeat, loopbackPeers, sleep, waitUntil } from './helpers.js';

const DELIVERY_TIMEOUT_MS = 5_000;
/** How long a refused party keeps trying before we conclude nothing got through. */
const REFUSED_WINDOW_MS = 1_500;

t.test('Z85 matches ZeroMQ RFC 32 and the keys libzmq generates', async (t) => {
  const hello = new Uint8Array([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]);
  t.equal(z85Encode(hello), 'HelloWorld', 'the RFC 32 test vector');
  t.same(z85Decode('HelloWorld'), hello);
  const { publicKey, secretKey } = generateCurveKeyPair();
  for (const key of [publicKey, secretKey]) {
    t.ok(isCurveKey(key));
    t.equal(z85Encode(z85Decode(key)!), key, 'decode/encode round-trips a generated key');
  }
  t.equal(z85Decode('Hello Worl'), undefined, 'a space is not Z85');
  t.equal(z85Decode('abcd'), undefined, 'length must be a multiple of 5');
  t.notOk(isCurveKey('HelloWorld'));
});

t.test('curve configuration is validated with a typed error naming the field', async (t) => {
  const keys = generateCurveKeyPair();
  const peers = { n1: { address: 'tcp://127.0.0.1:1', publicKey: keys.publicKey }, n2: { address: 'tcp://127.0.0.1:2' } };
  t.throws(() => new ZmqTransport({ peers, curve: keys }), { name: 'ZmqConfigError', field: 'peers.n2.publicKey' });
  t.throws(() => new ZmqTransport({ peers: { n1: peers.n1 }, curve: { ...keys, secretKey: 'short' } }), { name: 'ZmqConfigError', field: 'curve.secretKey' });
  t.throws(() => new ZmqTransport({ peers: { n1: { address: 'nowhere' } } }), ZmqConfigError);
  t.throws(() => new ZmqTransport({ peers: { n1: peers.n1 }, maxQueuedMessagesPerPeer: 0 }), { name: 'ZmqConfigError', field: 'maxQueuedMessagesPerPeer' });
});

async function curveCluster() {
  const addresses = await loopbackPeers(['n1', 'n2', 'intruder']);
  const keys = { n1: generateCurveKeyPair(), n2: generateCurveKeyPair() };
  const peers = {
    n1: { address: addresses.n1!.address, publicKey: keys.n1.publicKey },
    n2: { address: addresses.n2!.address, publicKey: keys.n2.publicKey },
  };
  return { addresses, keys, peers };
}

function collector() {
  const received: Message[] = [];
  return { received, handler: (m: Message) => void received.push(m) };
}

t.test('CURVE: with the configured keys, peers exchange messages both ways', async (t) => {
  const { keys, peers } = await curveCluster();
  const m1 = new CountingTransportMetrics();
  const n1 = new ZmqTransport({ peers, curve: keys.n1, metrics: m1, logger: silentLogger });
  const n2 = new ZmqTransport({ peers, curve: keys.n2, logger: silentLogger });
  t.teardown(() => Promise.all([n1.stop(), n2.stop()]));
  const r1 = collector();
  const r2 = collector();
  await n1.start('n1', r1.handler);
  await n2.start('n2', r2.handler);
  let ok = false;
  for (let i = 0; i < 200 && !ok; i++) {
    n1.send([heartbeat('n1', 'n2', i)]);
    n2.send([heartbeat('n2', 'n1', i)]);
    ok = await waitUntil(() => r1.received.length > 0 && r2.received.length > 0, 25);
  }
  t.ok(ok, 'both directions deliver');
  t.equal(m1.handshakeFailures.inbound + m1.handshakeFailures.outbound, 0, 'no handshake failed');
});

// One connection per pair: the node whose id sorts first connects. An intruder therefore meets the
// victim both ways: it connects to the victim (claiming an id before the victim's: the victim's ZAP
// handler refuses its key), or the victim connects to it (at the address of an id after the victim's:
// the victim authenticates the server by the configured public key, which the intruder cannot prove).
for (const claimed of ['n0', 'n2'] as const) {
  const connects = claimed < 'n1' ? 'the intruder connects to n1' : 'n1 connects to the intruder';
  t.test(`CURVE: a peer whose key is not in the configuration cannot deliver a message (${connects})`, async (t) => {
    const addresses = await loopbackPeers(['n1', claimed]);
    const keys = { n1: generateCurveKeyPair(), [claimed]: generateCurveKeyPair() };
    const peers = {
      n1: { address: addresses.n1!.address, publicKey: keys.n1!.publicKey },
      [claimed]: { address: addresses[claimed]!.address, publicKey: keys[claimed]!.publicKey },
    };
    const m1 = new CountingTransportMetrics();
    const n1 = new ZmqTransport({ peers, curve: keys.n1!, metrics: m1, logger: silentLogger });
    // It listens where n1 expects `claimed`, knows n1's public key and claims to be `claimed`, but holds a key pair of its own.
    const intruderKeys = generateCurveKeyPair();
    const mi = new CountingTransportMetrics();
    const intruder = new ZmqTransport({
      peers: { n1: peers.n1, [claimed]: { address: peers[claimed]!.address, publicKey: intruderKeys.publicKey } },
      curve: intruderKeys,
      metrics: mi,
      logger: silentLogger,
    });
    t.teardown(() => Promise.all([n1.stop(), intruder.stop()]));
    const r1 = collector();
    const ri = collector();
    await n1.start('n1', r1.handler);
    await intruder.start(claimed, ri.handler);
    const deadline = Date.now() + REFUSED_WINDOW_MS;
    for (let i = 0; Date.now() < deadline; i++) {
      intruder.send([heartbeat(claimed, 'n1', i)]);
      n1.send([heartbeat('n1', claimed, i)]);
      await sleep(25);
    }
    t.equal(r1.received.length, 0, 'nothing from the intruder was delivered to n1');
    t.equal(ri.received.length, 0, 'nothing from n1 reached the intruder');
    if (claimed < 'n1') {
      t.ok(m1.handshakeFailures.inbound > 0, `n1's ZAP handler refused the intruder's key (${m1.handshakeFailures.inbound} times)`);
      t.ok(mi.handshakeFailures.outbound > 0, `the intruder saw its handshake fail (${mi.handshakeFailures.outbound} times)`);
    } else {
      // n1's HELLO is sealed for the configured key: the intruder cannot open it and drops the connection.
      t.ok(mi.handshakeFailures.inbound > 0, `the intruder could not complete n1's handshake (${mi.handshakeFailures.inbound} times)`);
      t.ok((mi.sendFailures.get('n1:peerUnavailable') ?? 0) > 0, 'with no connection from n1, what the intruder sends is dropped as peerUnavailable');
    }
  });
}

t.test('CURVE: a client without the server key cannot connect; an authorized client can', async (t) => {
  const { keys, peers } = await curveCluster();
  const clientKeys = generateCurveKeyPair();
  const n1 = new ZmqTransport({ peers, curve: { ...keys.n1, authorizedClientKeys: [clientKeys.publicKey] }, logger: silentLogger });
  const r1 = collector();
  await n1.start('n1', r1.handler);
  const frame = encodePeerFrame(heartbeat('n2', 'n1', 1));
  const plain = new Dealer({ linger: 0, routingId: 'n2', sendTimeout: 100 });
  const wrongServerKey = new Dealer({
    linger: 0, routingId: 'n2', sendTimeout: 100,
    curveServerKey: generateCurveKeyPair().publicKey, curvePublicKey: clientKeys.publicKey, curveSecretKey: clientKeys.secretKey,
  });
  const authorized = new Dealer({
    linger: 0, routingId: 'n2', sendTimeout: 100,
    curveServerKey: keys.n1.publicKey, curvePublicKey: clientKeys.publicKey, curveSecretKey: clientKeys.secretKey,
  });
  t.teardown(async () => {
    for (const s of [plain, wrongServerKey, authorized]) s.close();
    await n1.stop();
  });
  for (const [name, socket] of [['no CURVE at all', plain], ['a wrong server key', wrongServerKey]] as const) {
    socket.connect(peers.n1.address);
    const deadline = Date.now() + REFUSED_WINDOW_MS;
    while (Date.now() < deadline) {
      await socket.send(frame).catch(() => {});
      await sleep(25);
    }
    t.equal(r1.received.length, 0, `a client with ${name} delivers nothing`);
    socket.close();
  }
  authorized.connect(peers.n1.address);
  let ok = false;
  for (let i = 0; i < 100 && !ok; i++) {
    await authorized.send(frame).catch(() => {});
    ok = await waitUntil(() => r1.received.length > 0, 50);
  }
  t.ok(ok, 'a client with the server key and an authorized key of its own delivers');
});

t.test('without CURVE configured, an encrypted peer is refused too (no silent downgrade)', async (t) => {
  const addresses = await loopbackPeers(['n1']);
  const n1 = new ZmqTransport({ peers: addresses, logger: silentLogger });
  const r1 = collector();
  await n1.start('n1', r1.handler);
  const k = generateCurveKeyPair();
  const curveClient = new Dealer({ linger: 0, routingId: 'n2', curveServerKey: k.publicKey, curvePublicKey: k.publicKey, curveSecretKey: k.secretKey, sendTimeout: 100 });
  t.teardown(async () => {
    curveClient.close();
    await n1.stop();
  });
  curveClient.connect(addresses.n1!.address);
  const deadline = Date.now() + 500;
  while (Date.now() < deadline) {
    await curveClient.send(encodePeerFrame(heartbeat('n2', 'n1', 1))).catch(() => {});
    await sleep(25);
  }
  t.equal(r1.received.length, 0);
});
