// The dashboard's server side on an in-process cluster (memory network and stores, real HTTP): the
// page and its assets, the event ring, the peer view, the log proxy, and the SSE stream.
import t from 'tap';
import { MemoryLogStore, MemoryNetwork, MemoryTransport, silentLogger, type Metrics } from '@raftbus/core';
import { parseNodeConfig } from '../src/config.js';
import { runNode, type RunningNode } from '../src/node-runner.js';
import { EventRecorder, EventRing, teeMetrics, type NodeEvent } from '../src/dashboard/events.js';
import { DASHBOARD_SUBSCRIBERS_MAX } from '../src/dashboard/cluster-watch.js';
import { freeBasePort } from './helpers/ports.js';

const IDS = ['n1', 'n2', 'n3'];

async function cluster(extra: Record<string, unknown> = {}): Promise<RunningNode[]> {
  const network = new MemoryNetwork();
  const base = await freeBasePort(3);
  const members = Object.fromEntries(IDS.map((id, k) => [id, `tcp://127.0.0.1:${base + 1 + k}`]));
  const httpPeers = Object.fromEntries(IDS.map((id, k) => [id, `http://127.0.0.1:${base + 101 + k}`]));
  return Promise.all(
    IDS.map((id, k) =>
      runNode(parseNodeConfig({ id, cluster: members, httpPeers, data: '/unused', http: `127.0.0.1:${base + 101 + k}`, app: 'counter', tickMs: 10, ...extra }), {
        logStore: new MemoryLogStore(),
        transport: new MemoryTransport(network),
        logger: silentLogger,
      }),
    ),
  );
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body };
}

async function leaderOf(nodes: RunningNode[]) {
  for (let k = 0; k < 500; k++) {
    const l = nodes.find((n) => n.node.isLeader);
    if (l && nodes.every((n) => n.node.leader === l.node.id)) return l;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no leader');
}

/** Reads an SSE stream into parsed events until `done` says enough (bounded by time). */
async function readStream(url: string, done: (events: Array<{ event: string; data: any }>) => boolean, timeoutMs = 5000, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: Array<{ event: string; data: any }> = [];
  try {
    const res = await fetch(url, { signal: controller.signal, headers });
    if (res.status !== 200) return { status: res.status, events };
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!done(events)) {
      const { value, done: end } = await reader.read();
      if (end) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
    return { status: res.status, events };
  } catch (e) {
    if ((e as Error).name === 'AbortError') return { status: 0, events };
    throw e;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

t.test('the page and its assets are served from the package, with types', async (t) => {
  const nodes = await cluster();
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  const url = nodes[0]!.url;
  const page = await get(`${url}/`);
  t.equal(page.status, 200);
  t.match(page.type, /^text\/html/);
  t.match(page.body, /<script type="module" src="\/dashboard\/app\.js"><\/script>/);
  t.notMatch(page.body, /https?:\/\/(?!www\.w3\.org)/, 'nothing loaded from another origin');
  const js = await get(`${url}/dashboard/app.js`);
  t.equal(js.status, 200);
  t.match(js.type, /^text\/javascript/);
  t.match((await get(`${url}/dashboard/style.css`)).type, /^text\/css/);
  t.equal((await fetch(`${url}/`, { method: 'POST' })).status, 405);
});

t.test('events, the peer view, the log proxy and the test command', async (t) => {
  const nodes = await cluster();
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  const leader = await leaderOf(nodes);
  const follower = nodes.find((n) => n !== leader)!;
  const ev = (await get(`${follower.url}/v1/events`)).body as { epoch: string; lastSeq: number; events: NodeEvent[] };
  t.same(ev.events.map((e) => e.seq), Array.from({ length: ev.events.length }, (_, k) => k + 1), 'numbered from 1');
  t.equal(ev.events[0]!.kind, 'started');
  t.ok(ev.events.some((e) => e.kind === 'leader' && e.leader === leader.node.id), 'the follower recorded the leader it saw');
  t.same((await get(`${follower.url}/v1/events?after=${ev.lastSeq}`)).body.events, [], 'nothing after the last');
  t.equal((await get(`${follower.url}/v1/events?after=-1`)).status, 400);
  const leaderEvents = (await get(`${leader.url}/v1/events`)).body.events as NodeEvent[];
  t.ok(leaderEvents.some((e) => e.kind === 'election'), 'the leader recorded its election');

  const view = (await get(`${follower.url}/v1/dashboard/node?after=${ev.lastSeq}&epoch=${ev.epoch}`)).body;
  t.equal(view.status.id, follower.node.id);
  t.same(view.events, [], 'a cursor of this process is honoured');
  const stale = (await get(`${follower.url}/v1/dashboard/node?after=${ev.lastSeq}&epoch=another-process`)).body;
  t.equal(stale.events.length, ev.events.length, "another process's cursor restarts from the first event");

  const app = (await get(`${follower.url}/v1/dashboard/app`)).body;
  t.same(app.testCommand, { method: 'POST', path: '/v1/counters/dashboard/add', body: { delta: 1 } });
  t.same(app.members, IDS);
  for (let k = 0; k < 5; k++) {
    const r = await fetch(`${follower.url}${app.testCommand.path}`, { method: app.testCommand.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(app.testCommand.body) });
    t.same(await r.json(), { value: k + 1 }, 'the test command runs');
  }

  const own = (await get(`${follower.url}/v1/dashboard/log?limit=3`)).body;
  t.equal(own.node, follower.node.id);
  const proxied = (await get(`${follower.url}/v1/dashboard/log?node=${leader.node.id}&from=1&limit=4`)).body;
  t.equal(proxied.node, leader.node.id, 'another member’s log, through this node');
  t.same(proxied.entries.map((e: any) => e.index), [1, 2, 3, 4]);
  t.ok(proxied.entries.every((e: any) => e.committed), 'committed entries are marked');
  const unknown = await get(`${follower.url}/v1/dashboard/log?node=n9`);
  t.equal(unknown.status, 404);
  t.equal(unknown.body.error.code, 'UNKNOWN_MEMBER');
});

t.test('the SSE stream pushes every member and the events; a stopped member shows as unreachable', async (t) => {
  const nodes = await cluster();
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  await leaderOf(nodes);
  const url = nodes[0]!.url;
  const first = await readStream(`${url}/v1/dashboard/stream`, (es) => es.some((e) => e.event === 'cluster' && e.data.members.every((m: any) => m.status)) && es.some((e) => e.event === 'events'));
  t.equal(first.status, 200);
  const cluster0 = first.events.find((e) => e.event === 'cluster')!.data;
  t.same(cluster0.members.map((m: any) => m.id), IDS);
  t.equal(cluster0.self, 'n1');
  const events = first.events.filter((e) => e.event === 'events').flatMap((e) => e.data as NodeEvent[]);
  t.same([...new Set(events.filter((e) => e.kind === 'started').map((e) => e.node))].sort(), IDS, "every member's events come through one stream");

  await nodes[2]!.stop();
  const after = await readStream(`${url}/v1/dashboard/stream`, (es) => es.some((e) => e.event === 'cluster' && e.data.members[2].error));
  const down = after.events.filter((e) => e.event === 'cluster').at(-1)!.data.members[2];
  t.equal(down.id, 'n3');
  t.match(down.error, /fetch failed|ECONNREFUSED|no answer/, `n3: ${down.error}`);
});

t.test('open streams are bounded per node', async (t) => {
  const nodes = await cluster();
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  const url = nodes[0]!.url;
  const controllers = Array.from({ length: DASHBOARD_SUBSCRIBERS_MAX }, () => new AbortController());
  t.teardown(() => controllers.forEach((c) => c.abort()));
  const open = await Promise.all(controllers.map((c) => fetch(`${url}/v1/dashboard/stream`, { signal: c.signal })));
  t.ok(open.every((r) => r.status === 200), `${DASHBOARD_SUBSCRIBERS_MAX} streams open`);
  const refused = await get(`${url}/v1/dashboard/stream`);
  t.equal(refused.status, 503);
  t.equal(refused.body.error.code, 'TOO_MANY_DASHBOARDS');
  controllers.forEach((c) => c.abort());
  await new Promise((r) => setTimeout(r, 100));
  const again = await readStream(`${url}/v1/dashboard/stream`, (es) => es.length > 0);
  t.equal(again.status, 200, 'closed streams free their places');
});

t.test('with a bearer token the page is public, its data is not', async (t) => {
  const nodes = await cluster({ token: 'dashboard-token' });
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  const url = nodes[0]!.url;
  const auth = { authorization: 'Bearer dashboard-token' };
  t.equal((await get(`${url}/`)).status, 200);
  t.equal((await get(`${url}/dashboard/app.js`)).status, 200);
  t.equal((await get(`${url}/v1/events`)).status, 401);
  t.equal((await get(`${url}/v1/dashboard/stream`)).status, 401);
  t.equal((await get(`${url}/v1/events`, auth)).status, 200);
  await leaderOf(nodes);
  const s = await readStream(`${url}/v1/dashboard/stream`, (es) => es.some((e) => e.event === 'cluster' && e.data.members.every((m: any) => m.status)), 5000, auth);
  t.equal(s.status, 200);
  t.ok(s.events.some((e) => e.event === 'cluster'), 'peers are polled with the token');
});

t.test('the event recorder turns reports into timeline events', async (t) => {
  const ring = new EventRing(4);
  const r = new EventRecorder('n1', ring);
  r.started(0, 'follower', '');
  r.roleChanged('preCandidate', '', 0);
  r.roleChanged('candidate', '', 1);
  r.indexes(0, 0, 1); // explained by the election: no 'term' event
  r.roleChanged('leader', 'n1', 1);
  t.same(ring.since(0, 10).map((e) => e.kind), ['started', 'election', 'election', 'leader']);
  r.roleChanged('follower', '', 2);
  r.indexes(0, 0, 3); // a term rise nothing else explained
  r.snapshotTaken(100, 2048);
  const kinds = ring.since(0, 10).map((e) => `${e.kind}@${e.term}`);
  t.same(kinds, ['stepDown@2', 'leaderLost@2', 'term@3', 'snapshot@3'], 'the ring keeps its newest 4');
  t.equal(ring.lastSeq, 8);
  t.same(ring.since(6, 1).map((e) => e.seq), [8], 'a page past the limit gives the newest');
});

t.test('teeMetrics reports to both sinks and defines only what one of them has', async (t) => {
  const calls: string[] = [];
  const a: Metrics = { indexes: (c) => calls.push(`a${c}`) };
  const b: Metrics = { indexes: (c) => calls.push(`b${c}`), peerRoundTrip: () => calls.push('rtt') };
  const m = teeMetrics(a, b);
  m.indexes!(7, 7, 1);
  m.peerRoundTrip!('n2', 0.001);
  t.same(calls, ['a7', 'b7', 'rtt']);
  t.equal(m.followerLag, undefined, 'no sink has followerLag: the node skips that work');
});
