import t from 'tap';
import { RoundTripMeter } from '../src/node/round-trip-meter.js';
import { MessageType, type Message } from '../src/protocol/types.js';

const msg = (type: Message['type'], to: string): Message => ({ type, from: 'n1', to, term: 1, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('a heartbeat answered is one sample for that peer; other messages and unasked answers are none', async (t) => {
  const samples: Array<[string, number]> = [];
  const meter = new RoundTripMeter({ peerRoundTrip: (peer, s) => samples.push([peer, s]) }, 1000);
  t.ok(meter.enabled);
  meter.answered('n2'); // nothing outstanding
  meter.sending([msg(MessageType.Append, 'n2'), msg(MessageType.Heartbeat, 'n2'), msg(MessageType.Heartbeat, 'n3')]);
  await sleep(20);
  meter.answered('n2');
  meter.answered('n2'); // a duplicate answer: no second sample
  t.equal(samples.length, 1);
  t.equal(samples[0]![0], 'n2');
  t.ok(samples[0]![1] >= 0.015 && samples[0]![1] < 1, `measured ${samples[0]![1]} s for a 20 ms wait`);
});

t.test('the oldest unanswered heartbeat is kept, so a slow answer is measured in full', async (t) => {
  const samples: number[] = [];
  const meter = new RoundTripMeter({ peerRoundTrip: (_p, s) => samples.push(s) }, 1000);
  meter.sending([msg(MessageType.Heartbeat, 'n2')]);
  await sleep(30);
  meter.sending([msg(MessageType.Heartbeat, 'n2')]);
  meter.answered('n2');
  t.ok(samples[0]! >= 0.025, `measured from the first heartbeat: ${samples[0]} s`);
});

t.test('a lost heartbeat never becomes a sample longer than the bound', async (t) => {
  const samples: number[] = [];
  const meter = new RoundTripMeter({ peerRoundTrip: (_p, s) => samples.push(s) }, 20);
  meter.sending([msg(MessageType.Heartbeat, 'n2')]);
  await sleep(40); // lost: older than the bound by the next heartbeat, which replaces it
  meter.sending([msg(MessageType.Heartbeat, 'n2')]);
  meter.answered('n2');
  t.equal(samples.length, 1);
  t.ok(samples[0]! < 0.02, 'measured from the replacement');
  meter.sending([msg(MessageType.Heartbeat, 'n3')]);
  await sleep(40);
  meter.answered('n3'); // an answer later than the bound is dropped, not recorded
  t.equal(samples.length, 1);
  meter.sending([msg(MessageType.Heartbeat, 'n3')]);
  meter.reset();
  meter.answered('n3');
  t.equal(samples.length, 1, 'reset forgets outstanding heartbeats');
  t.notOk(new RoundTripMeter({}, 10).enabled, 'disabled without peerRoundTrip');
});
