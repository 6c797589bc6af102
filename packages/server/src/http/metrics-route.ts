import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PrometheusMetrics } from '@raftbus/metrics-prometheus';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { RawHandler } from './api.js';
import { HttpError } from './errors.js';

/** Bound on the files counted for raftbus_log_size_bytes (a RocksDB directory holds a few dozen). */
const LOG_DIRECTORY_FILES_MAX = 10_000;

export interface ServerMetrics {
  readonly registry: Registry;
  /** For RaftNode (Metrics) and ZmqTransport (TransportMetrics). */
  readonly metrics: PrometheusMetrics;
}

/**
 * The registry `raftbus start` serves at /metrics: raftbus's metrics plus the process and Node.js
 * defaults, without a prefix (process_*, nodejs_* are what standard dashboards query). The log size
 * is the size of the node's data directory, read at scrape time.
 */
export function createServerMetrics(dataDir: string): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return { registry, metrics: new PrometheusMetrics({ registry, logSizeBytes: () => directoryBytes(dataDir) }) };
}

/** GET /metrics in the Prometheus text format. */
export function metricsRoute(registry: Registry): RawHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on /metrics`);
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
}

/** Bytes of the regular files under `dir` (recursively; a missing directory is 0). */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  let files = 0;
  const pending = [dir];
  while (pending.length > 0 && files < LOG_DIRECTORY_FILES_MAX) {
    const d = pending.pop()!;
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      continue; // gone (RocksDB deletes obsolete files) or not created yet
    }
    for (const e of entries) {
      if (++files > LOG_DIRECTORY_FILES_MAX) break;
      const path = join(d, e.name);
      if (e.isDirectory()) pending.push(path);
      else if (e.isFile()) total += await stat(path).then((s) => s.size, () => 0);
    }
  }
  return total;
}
