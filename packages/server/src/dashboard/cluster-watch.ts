import type { ServerResponse } from 'node:http';
import type { NodeId, NodeStatus } from '@raftbus/core';
import type { EventRing, NodeEvent } from './events.js';

/** How often an open dashboard gets the whole cluster's state. */
export const DASHBOARD_PUSH_MS = 500;
/** A peer that does not answer within this is shown as unreachable for that round. */
export const PEER_POLL_TIMEOUT_MS = 400;
/** Open dashboards per node; more get 503 (each costs one poll of every peer per push). */
export const DASHBOARD_SUBSCRIBERS_MAX = 16;
/** Cluster events kept for dashboards that connect later, and fetched from one peer per round. */
export const CLUSTER_EVENTS_MAX = 300;
export const PEER_EVENTS_PER_POLL_MAX = 100;
/** A dashboard that reads slower than this much buffered output is disconnected (it reconnects). */
export const SUBSCRIBER_BUFFER_BYTES_MAX = 1 << 20;

export interface NodeView {
  readonly epoch: string;
  readonly status: NodeStatus & { readonly pid: number };
  readonly events: NodeEvent[];
}

export interface MemberView {
  readonly id: NodeId;
  readonly url: string | undefined;
  readonly status?: NodeStatus & { readonly pid: number };
  readonly error?: string;
}

export interface ClusterView {
  readonly self: NodeId;
  readonly timeMs: number;
  readonly members: MemberView[];
}

interface PeerCursor {
  epoch: string;
  after: number;
}

/**
 * The cluster as an open dashboard sees it, pushed over Server-Sent Events: every DASHBOARD_PUSH_MS
 * this node reads its own state and polls each peer's /v1/dashboard/node (state plus new events), then
 * sends one `cluster` event and, when there are new events, one `events` event. It polls only while a
 * dashboard is open, and one round at a time.
 */
export class ClusterWatch {
  private readonly subscribers = new Set<ServerResponse>();
  private readonly cursors = new Map<NodeId, PeerCursor>();
  private readonly recent: NodeEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private last: ClusterView | undefined;

  constructor(
    private readonly selfId: NodeId,
    private readonly members: readonly NodeId[],
    private readonly peerUrls: ReadonlyMap<NodeId, string>,
    private readonly local: (after: number) => NodeView,
    private readonly ring: EventRing,
    private readonly bearerToken: string | undefined,
  ) {}

  /** Take over `res` as an event stream; false when DASHBOARD_SUBSCRIBERS_MAX are already open. */
  subscribe(res: ServerResponse): boolean {
    if (this.subscribers.size >= DASHBOARD_SUBSCRIBERS_MAX) return false;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 1000\n\n`);
    this.subscribers.add(res);
    res.on('close', () => {
      this.subscribers.delete(res);
      if (this.subscribers.size === 0) this.pause();
    });
    if (this.last) this.send(res, 'cluster', this.last);
    if (this.recent.length > 0) this.send(res, 'events', this.recent);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), DASHBOARD_PUSH_MS);
      void this.poll();
    }
    return true;
  }

  /** End every stream (the node is stopping). */
  close(): void {
    this.pause();
    for (const res of this.subscribers) res.end();
    this.subscribers.clear();
  }

  private pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const fresh: NodeEvent[] = [];
      const members = await Promise.all(this.members.map((id) => this.member(id, fresh)));
      this.last = { self: this.selfId, timeMs: Date.now(), members };
      this.broadcast('cluster', this.last);
      if (fresh.length > 0) {
        fresh.sort((a, b) => a.timeMs - b.timeMs);
        this.recent.push(...fresh);
        if (this.recent.length > CLUSTER_EVENTS_MAX) this.recent.splice(0, this.recent.length - CLUSTER_EVENTS_MAX);
        this.broadcast('events', fresh);
      }
    } finally {
      this.polling = false;
    }
  }

  private async member(id: NodeId, fresh: NodeEvent[]): Promise<MemberView> {
    const url = this.peerUrls.get(id);
    const cursor = this.cursors.get(id);
    try {
      const view = id === this.selfId ? this.local(this.cursorAfter(cursor, this.ring.epoch)) : await this.fetchPeer(url, cursor);
      // A restarted node numbers its events from 1 again: its cursor is kept per process (epoch).
      if (cursor?.epoch !== view.epoch) this.cursors.set(id, { epoch: view.epoch, after: 0 });
      const c = this.cursors.get(id)!;
      for (const e of view.events) if (e.seq > c.after) fresh.push(e);
      c.after = Math.max(c.after, ...view.events.map((e) => e.seq));
      return { id, url, status: view.status };
    } catch (e) {
      return { id, url, error: describeFetchError(e) };
    }
  }

  private cursorAfter(cursor: PeerCursor | undefined, epoch: string): number {
    return cursor && cursor.epoch === epoch ? cursor.after : 0;
  }

  private async fetchPeer(url: string | undefined, cursor: PeerCursor | undefined): Promise<NodeView> {
    if (!url) throw new Error('no HTTP address configured for this member (--http-peers)');
    // The cursor's epoch goes along: a peer that restarted answers from its first event.
    const query = cursor ? `?after=${cursor.after}&epoch=${encodeURIComponent(cursor.epoch)}` : '?after=0';
    const res = await fetch(`${url}/v1/dashboard/node${query}`, {
      signal: AbortSignal.timeout(PEER_POLL_TIMEOUT_MS),
      ...(this.bearerToken ? { headers: { authorization: `Bearer ${this.bearerToken}` } } : {}),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as NodeView;
  }

  private broadcast(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.subscribers) {
      if (res.writableLength > SUBSCRIBER_BUFFER_BYTES_MAX) res.destroy();
      else res.write(frame);
    }
  }

  private send(res: ServerResponse, event: string, data: unknown): void {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}

/** fetch() says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function describeFetchError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.name === 'TimeoutError') return `no answer within ${PEER_POLL_TIMEOUT_MS} ms`;
  const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${e.message} (${cause.code})` : e.message;
}
