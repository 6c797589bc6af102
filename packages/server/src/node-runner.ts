import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RaftNode, type LogStore, type Logger, type Metrics, type Transport } from '@raftbus/core';
import { ClientEndpoint, type ClientEndpointMetrics } from '@raftbus/transport-zeromq';
import { loadApp } from './apps/index.js';
import type { NodeConfig } from './config.js';
import { createHttpApi, type RawHandler } from './http/api.js';
import { addClusterRoutes } from './http/cluster-routes.js';
import { Router } from './http/router.js';

export interface NodeDependencies {
  readonly logStore: LogStore;
  readonly transport: Transport;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Extra exact-path HTTP handlers (/metrics, the dashboard). */
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

/** Start one node: RaftNode over the given store and transport, its app, and its HTTP API. */
export async function runNode(cfg: NodeConfig, deps: NodeDependencies): Promise<RunningNode> {
  const app = await loadApp(cfg.app);
  const peers = Object.keys(cfg.cluster);
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
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const router = new Router();
  addClusterRoutes(router, node, new Map(Object.entries(cfg.httpPeers)), cfg.token);
  app.routes(router, node);
  const http = createHttpApi({ router, logger: deps.logger, ...(deps.raw ? { raw: deps.raw } : {}), ...(cfg.token ? { bearerToken: cfg.token } : {}) });
  await node.start();
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
