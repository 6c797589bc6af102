import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RaftNode, type LogStore, type Logger, type Metrics, type Transport } from '@raftbus/core';
import type { Registry } from 'prom-client';
import { ClientEndpoint, type ClientEndpointMetrics } from '@raftbus/transport-zeromq';
import { BUILT_IN_APPS, loadApp } from './apps/index.js';
import type { NodeConfig } from './config.js';
import { EventRecorder, EventRing, teeMetrics } from './dashboard/events.js';
import { testCommandFor } from './dashboard/test-commands.js';
import { createHttpApi, type RawHandler } from './http/api.js';
import { addClusterRoutes } from './http/cluster-routes.js';
import { addDashboard } from './http/dashboard-routes.js';
import { metricsRoute } from './http/metrics-route.js';
import { Router } from './http/router.js';

export interface NodeDependencies {
  readonly logStore: LogStore;
  readonly transport: Transport;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** When given, GET /metrics serves this registry (see createServerMetrics). */
  readonly metricsRegistry?: Registry;
  /** Extra exact-path HTTP handlers. */
  readonly raw?: ReadonlyMap<string, RawHandler>;
  /** Counters of the client endpoint (when `client` is configured). */
  readonly clientMetrics?: ClientEndpointMetrics;
}

export interface RunningNode {
  // The app decides the node's types; the runner only starts and stops it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly node: RaftNode<any, any, any, any>;
  readonly http: Server;
  /** The HTTP API's base URL (with the real port when configured with port 0). */
  readonly url: string;
  /** The @raftbus/client endpoint, when `client` is configured. */
  readonly clientEndpoint: ClientEndpoint | undefined;
  stop(): Promise<void>;
}

/** Start one node: RaftNode over the given store and transport, its app, its HTTP API and dashboard. */
export async function runNode(cfg: NodeConfig, deps: NodeDependencies): Promise<RunningNode> {
  const app = await loadApp(cfg.app);
  const peers = Object.keys(cfg.cluster);
  // The dashboard's timeline is fed by the same reports as the metrics.
  const ring = new EventRing();
  const recorder = new EventRecorder(cfg.id, ring);
  const node = new RaftNode({
    id: cfg.id,
    peers,
    logStore: deps.logStore,
    transport: deps.transport,
    stateMachine: app.definition,
    logger: deps.logger,
    tickMs: cfg.tickMs,
    electionTicks: cfg.electionTicks,
    snapshotEntries: cfg.snapshotEntries,
    metrics: deps.metrics ? teeMetrics(deps.metrics, recorder) : recorder,
  });
  const router = new Router();
  const peerHttp = new Map(Object.entries(cfg.httpPeers));
  addClusterRoutes(router, node, peerHttp, cfg.token);
  const testCommand = testCommandFor(BUILT_IN_APPS[cfg.app] ? cfg.app : '');
  const dashboard = addDashboard(router, { node, app: app.name, testCommand, members: peers, peerHttp, ring, bearerToken: cfg.token });
  app.routes(router, node);
  const raw = new Map<string, RawHandler>([...dashboard.raw, ...(deps.metricsRegistry ? ([['/metrics', metricsRoute(deps.metricsRegistry)]] as const) : []), ...(deps.raw ?? [])]);
  const http = createHttpApi({ router, logger: deps.logger, raw, publicPaths: dashboard.publicPaths, ...(cfg.token ? { bearerToken: cfg.token } : {}) });
  await node.start();
  const started = node.status();
  recorder.started(started.term, started.role, started.leader);
  const [host, port] = splitHostPort(cfg.http);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  let clientEndpoint: ClientEndpoint | undefined;
  if (cfg.client) {
    clientEndpoint = new ClientEndpoint(node, { bind: cfg.client, logger: deps.logger, ...(deps.clientMetrics ? { metrics: deps.clientMetrics } : {}) });
    try {
      await clientEndpoint.start();
    } catch (err) {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await node.stop();
      throw err;
    }
  }
  const stopBackground = app.background?.(node);
  deps.logger.info({ node: cfg.id, app: app.name, http: url, client: clientEndpoint?.boundAddress, peers }, 'node serving');
  let stopping: Promise<void> | undefined;
  return {
    node,
    http,
    url,
    clientEndpoint,
    stop() {
      stopping ??= (async () => {
        stopBackground?.();
        // First, so clients see the connection drop and retry on another node at once.
        await clientEndpoint?.stop();
        dashboard.close();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        await node.stop();
      })();
      return stopping;
    },
  };
}

export function splitHostPort(hostPort: string): [string, number] {
  const i = hostPort.lastIndexOf(':');
  return [hostPort.slice(0, i).replace(/^\[|\]$/g, ''), Number(hostPort.slice(i + 1))];
}
