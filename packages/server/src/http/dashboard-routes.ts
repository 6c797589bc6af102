import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeId } from '@raftbus/core';
import { ClusterWatch, PEER_EVENTS_PER_POLL_MAX, type NodeView } from '../dashboard/cluster-watch.js';
import type { EventRing } from '../dashboard/events.js';
import { loadStaticAssets } from '../dashboard/static-assets.js';
import type { TestCommand } from '../dashboard/test-commands.js';
import type { RawHandler } from './api.js';
import { logPage, type NodeControl } from './cluster-routes.js';
import { HttpError } from './errors.js';
import type { Router } from './router.js';
import { intParam } from './validate.js';

const EVENTS_PAGE_MAX = 512;
const PEER_LOG_TIMEOUT_MS = 2000;

export interface DashboardOptions {
  readonly node: NodeControl;
  /** The state machine's name, and a command the page offers to send. */
  readonly app: string;
  readonly testCommand: TestCommand;
  /** Every member's id, in configuration order. */
  readonly members: readonly NodeId[];
  readonly peerHttp: ReadonlyMap<NodeId, string>;
  readonly ring: EventRing;
  readonly bearerToken?: string | undefined;
}

export interface Dashboard {
  /** Exact-path handlers: the page, its assets, and the event stream. */
  readonly raw: ReadonlyMap<string, RawHandler>;
  /** Of those, the paths served without the bearer token (static files that hold no data). */
  readonly publicPaths: ReadonlySet<string>;
  close(): void;
}

/**
 * The web dashboard: the page at `/` (assets shipped in this package, nothing from a CDN), a
 * Server-Sent Events stream of the whole cluster at /v1/dashboard/stream, and the JSON it reads:
 * /v1/events (this node's event ring), /v1/dashboard/node (what a peer's stream polls),
 * /v1/dashboard/log (any member's log page, proxied) and /v1/dashboard/app (the test command).
 */
export function addDashboard(router: Router, o: DashboardOptions): Dashboard {
  const localView = (after: number): NodeView => ({ epoch: o.ring.epoch, status: { ...o.node.status(), pid: process.pid }, events: o.ring.since(after, PEER_EVENTS_PER_POLL_MAX) });
  const watch = new ClusterWatch(o.node.id, o.members, o.peerHttp, localView, o.ring, o.bearerToken);
  const auth = o.bearerToken ? { authorization: `Bearer ${o.bearerToken}` } : undefined;

  router.get('/v1/events', (req) => {
    const after = intParam(req.query, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = intParam(req.query, 'limit', 100, 1, EVENTS_PAGE_MAX);
    return { body: { node: o.node.id, epoch: o.ring.epoch, lastSeq: o.ring.lastSeq, events: o.ring.since(after, limit) } };
  });

  router.get('/v1/dashboard/node', (req) => {
    // A cursor from another process of this node means nothing here: start from the first event.
    const sameProcess = req.query.get('epoch') === o.ring.epoch;
    return { body: localView(sameProcess ? intParam(req.query, 'after', 0, 0, Number.MAX_SAFE_INTEGER) : 0) };
  });

  router.get('/v1/dashboard/log', async (req) => {
    const target = req.query.get('node') ?? o.node.id;
    if (target === o.node.id) return { body: logPage(o.node, req.query) };
    const url = o.peerHttp.get(target);
    if (!url) throw new HttpError(404, 'UNKNOWN_MEMBER', `no HTTP address is configured for member "${target}"`, { field: 'node' });
    const query = new URLSearchParams();
    for (const k of ['from', 'limit']) if (req.query.has(k)) query.set(k, req.query.get(k)!);
    let res: Response;
    try {
      res = await fetch(`${url}/v1/log?${query}`, { signal: AbortSignal.timeout(PEER_LOG_TIMEOUT_MS), ...(auth ? { headers: auth } : {}) });
    } catch (e) {
      throw new HttpError(502, 'MEMBER_UNREACHABLE', `${target} did not answer: ${e instanceof Error ? e.message : String(e)}`);
    }
    const body: unknown = await res.json();
    return { status: res.status, body };
  });

  router.get('/v1/dashboard/app', () => ({ body: { app: o.app, self: o.node.id, members: o.members, testCommand: o.testCommand } }));

  const assets = loadStaticAssets();
  const raw = new Map<string, RawHandler>();
  for (const [path, asset] of assets) raw.set(path, (req, res) => serveAsset(req, res, asset.contentType, asset.body));
  raw.set('/v1/dashboard/stream', (req, res) => {
    if (req.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on /v1/dashboard/stream`);
    if (!watch.subscribe(res)) throw new HttpError(503, 'TOO_MANY_DASHBOARDS', 'too many open dashboards on this node; use another node');
  });
  return { raw, publicPaths: new Set(assets.keys()), close: () => watch.close() };
}

function serveAsset(req: IncomingMessage, res: ServerResponse, contentType: string, body: Buffer): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.url}`);
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
