import { EntryType, type Entry, type NodeId, type NodeStatus } from '@raftbus/core';
import { HttpError } from './errors.js';
import type { Router } from './router.js';
import { intParam, object, str } from './validate.js';

/** What the cluster routes need of a node (any RaftNode, whatever its state machine). */
export interface NodeControl {
  readonly id: NodeId;
  status(): NodeStatus;
  entries(from: number, toExclusive: number): Entry[];
  transferLeadership(to: NodeId, timeoutMs?: number): Promise<void>;
}

export const LOG_PAGE_ENTRIES_MAX = 1000;
const PEER_STATUS_TIMEOUT_MS = 1000;

/** /v1/status, /v1/cluster, /v1/cluster/transfer-leadership and /v1/log: the same on every app. */
export function addClusterRoutes(router: Router, node: NodeControl, peerHttp: ReadonlyMap<NodeId, string>, bearerToken?: string): void {
  router.get('/v1/status', () => ({ body: { ...node.status(), pid: process.pid } }));

  router.get('/v1/cluster', async () => {
    const self = node.status();
    const members = await Promise.all(
      [...peerHttp].map(async ([id, url]) => {
        if (id === node.id) return { id, url, status: self };
        try {
          const res = await fetch(`${url}/v1/status`, {
            signal: AbortSignal.timeout(PEER_STATUS_TIMEOUT_MS),
            ...(bearerToken ? { headers: { authorization: `Bearer ${bearerToken}` } } : {}),
          });
          return { id, url, status: (await res.json()) as NodeStatus };
        } catch (e) {
          return { id, url, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
    return { body: { self: self.id, leader: self.leader, term: self.term, members } };
  });

  router.post('/v1/cluster/transfer-leadership', async (req) => {
    const to = str(object(req.body), 'to', { maxLength: 256 });
    if (to === '') throw new HttpError(400, 'BAD_REQUEST', '"to" must name a member', { field: 'to' });
    await node.transferLeadership(to);
    return { body: { leader: to } };
  });

  router.get('/v1/log', (req) => ({ body: logPage(node, req.query) }));
}

/** One page of the log for viewers: `limit` entries from `from` (default: the last page). */
export function logPage(node: Pick<NodeControl, 'status' | 'entries'>, query: URLSearchParams) {
  const s = node.status();
  const limit = intParam(query, 'limit', 100, 1, LOG_PAGE_ENTRIES_MAX);
  const from = intParam(query, 'from', Math.max(s.firstIndex, s.lastIndex - limit + 1), 0, Number.MAX_SAFE_INTEGER);
  const entries = node.entries(Math.max(from, s.firstIndex), from + limit).map((e) => ({
    index: e.index,
    term: e.term,
    type: e.type === EntryType.ConfChange ? 'conf' : e.data.byteLength === 0 ? 'noop' : 'command',
    size: e.data.byteLength,
    committed: e.index <= s.commit,
  }));
  return { node: s.id, firstIndex: s.firstIndex, lastIndex: s.lastIndex, commit: s.commit, applied: s.applied, snapshotIndex: s.snapshotIndex, entries };
}
