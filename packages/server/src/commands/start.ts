import { pino } from 'pino';
import { RocksDbLogStore } from '@raftbus/log-rocksdb';
import { ZmqTransport } from '@raftbus/transport-zeromq';
import { parseMembers, parseNodeConfig, readConfigFile, type NodeConfig } from '../config.js';
import { runNode, type RunningNode } from '../node-runner.js';
import { createServerMetrics } from '../http/metrics-route.js';

export interface StartFlags {
  config?: string;
  id?: string;
  cluster?: string;
  data?: string;
  http?: string;
  client?: string;
  app?: string;
  httpPeers?: string;
  token?: string;
  tickMs?: string;
  electionTicks?: string;
  snapshotEntries?: string;
  logLevel?: string;
}

/** Merge the config file (if any), then RAFTBUS_TOKEN, then flags (flags win), and validate. */
export function resolveStartConfig(flags: StartFlags, env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const raw: Record<string, unknown> = flags.config ? readConfigFile(flags.config) : {};
  if (env['RAFTBUS_TOKEN']) raw['token'] = env['RAFTBUS_TOKEN'];
  const set = (key: string, value: unknown) => {
    if (value !== undefined) raw[key] = value;
  };
  set('id', flags.id);
  set('cluster', flags.cluster !== undefined ? parseMembers(flags.cluster, 'cluster') : undefined);
  set('data', flags.data);
  set('http', flags.http);
  set('client', flags.client);
  set('app', flags.app);
  set('httpPeers', flags.httpPeers !== undefined ? parseMembers(flags.httpPeers, 'httpPeers') : undefined);
  set('token', flags.token);
  set('tickMs', flags.tickMs);
  set('electionTicks', flags.electionTicks);
  set('snapshotEntries', flags.snapshotEntries);
  set('logLevel', flags.logLevel);
  return parseNodeConfig(raw);
}

/** `raftbus start`: one node process over ZeroMQ and RocksDB; stops cleanly on SIGTERM/SIGINT. */
export async function startCommand(flags: StartFlags): Promise<RunningNode> {
  const cfg = resolveStartConfig(flags);
  // RaftNode puts the node id on every line itself.
  const logger = pino({ level: cfg.logLevel, base: undefined });
  const peers = Object.fromEntries(Object.entries(cfg.cluster).map(([id, address]) => [id, { address }]));
  // GET /metrics: raftbus (node + transport) and the process's defaults on one registry.
  const { registry: metricsRegistry, metrics } = createServerMetrics(cfg.data);
  const running = await runNode(cfg, {
    logStore: new RocksDbLogStore({ path: cfg.data }),
    transport: new ZmqTransport({ peers, logger, metrics }),
    logger,
    metrics,
    metricsRegistry,
    clientMetrics: metrics.clientEndpoint(),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: String(err) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  running.node.on('fatal', (err) => {
    logger.fatal({ err: err.message }, 'node failed');
    process.exitCode = 1;
    stop('fatal');
  });
  return running;
}
