import t from 'tap';
import { transportSuite } from '@raftbus/testkit';
import { ZmqTransport, silentLogger } from '../src/index.js';
import { generateCurveKeyPair } from '../src/curve.js';
import { loopbackPeers } from './helpers.js';

/** Fast reconnects so the restart case does not wait on production backoff. */
const testTiming = { reconnectIntervalMs: 20, reconnectIntervalMsMax: 200, sendTimeoutMs: 200 };

transportSuite(t, {
  name: 'zeromq',
  orderedPerLink: true,
  createCluster: async (ids) => {
    const peers = await loopbackPeers(ids);
    return { create: () => new ZmqTransport({ peers, logger: silentLogger, ...testTiming }), close: async () => {} };
  },
});

transportSuite(t, {
  name: 'zeromq+curve',
  orderedPerLink: true,
  createCluster: async (ids) => {
    const addresses = await loopbackPeers(ids);
    const keys = Object.fromEntries(ids.map((id) => [id, generateCurveKeyPair()]));
    const peers = Object.fromEntries(ids.map((id) => [id, { ...addresses[id]!, publicKey: keys[id]!.publicKey }]));
    return {
      create: (id) => new ZmqTransport({ peers, curve: keys[id]!, logger: silentLogger, ...testTiming }),
      close: async () => {},
    };
  },
});
