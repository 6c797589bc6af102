import { readFileSync } from 'node:fs';

/** A configuration value is missing or wrong; `field` names it (as in the config file). */
export class ConfigError extends Error {
  readonly code = 'CONFIG';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`config: ${field}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface NodeConfig {
  /** This node's id; must be a key of `cluster`. */
  readonly id: string;
  /** Every member's ZeroMQ peer address (tcp://host:port), this node included. */
  readonly cluster: Readonly<Record<string, string>>;
  /** Directory of this node's RocksDB log. */
  readonly data: string;
  /** host:port of this node's HTTP API. */
  readonly http: string;
  /** ZeroMQ endpoint (tcp://host:port) where this node serves @raftbus/client; none when absent. */
  readonly client?: string;
  /** Built-in app name (counter, kv-store, lock-service) or a path to a module exporting `definition`. */
  readonly app: string;
  /** Every member's HTTP base URL, for /v1/cluster (optional). */
  readonly httpPeers: Readonly<Record<string, string>>;
  /** When set, every HTTP request must carry `Authorization: Bearer <token>`. */
  readonly token?: string;
  readonly tickMs: number;
  readonly electionTicks: number;
  readonly snapshotEntries: number;
  /** pino level. */
  readonly logLevel: string;
}

const DEFAULTS = { tickMs: 100, electionTicks: 10, snapshotEntries: 100_000, logLevel: 'info' };
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Parse "n1=tcp://127.0.0.1:7001,n2=…" into a map; `field` names the option in errors. */
export function parseMembers(text: string, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ConfigError(field, `"${part}" is not of the form id=address`);
    const id = part.slice(0, eq);
    if (id in out) throw new ConfigError(field, `member ${id} is listed twice`);
    out[id] = part.slice(eq + 1);
  }
  return out;
}

export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError('--config', `cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError('--config', `${path} is not a JSON object: ${(e as Error).message}`);
  }
}

function positiveInt(raw: Record<string, unknown>, field: string, fallback: number, max: number): number {
  const v = raw[field] ?? fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > max) throw new ConfigError(field, `must be an integer from 1 to ${max}, got ${JSON.stringify(v)}`);
  return n;
}

function requiredString(raw: Record<string, unknown>, field: string): string {
  const v = raw[field];
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(field, 'is required');
  return v;
}

function members(raw: Record<string, unknown>, field: string, check: (id: string, value: string) => void): Record<string, string> {
  const v = raw[field];
  const map = typeof v === 'string' ? parseMembers(v, field) : v;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new ConfigError(field, 'must be "id=address,…" or an object of id → address');
  const out: Record<string, string> = {};
  for (const [id, value] of Object.entries(map)) {
    if (!ID_PATTERN.test(id)) throw new ConfigError(field, `member id "${id}" must be 1–64 of A–Z a–z 0–9 _ . -`);
    if (typeof value !== 'string') throw new ConfigError(`${field}.${id}`, 'must be a string');
    check(id, value);
    out[id] = value;
  }
  return out;
}

/** Validate a merged (file + flags) configuration, naming the first bad field. */
export function parseNodeConfig(raw: Record<string, unknown>): NodeConfig {
  const id = requiredString(raw, 'id');
  if (!ID_PATTERN.test(id)) throw new ConfigError('id', `"${id}" must be 1–64 of A–Z a–z 0–9 _ . -`);
  const cluster = members(raw, 'cluster', (mid, addr) => {
    if (!/^tcp:\/\/[^:/]+:\d{1,5}$/.test(addr)) throw new ConfigError(`cluster.${mid}`, `"${addr}" is not tcp://host:port`);
  });
  const size = Object.keys(cluster).length;
  if (size === 0) throw new ConfigError('cluster', 'is required (id=tcp://host:port,…)');
  if (size > 7) throw new ConfigError('cluster', `has ${size} members; raftbus supports up to 7 voters`);
  if (!(id in cluster)) throw new ConfigError('cluster', `does not include this node's id "${id}"`);
  const http = requiredString(raw, 'http');
  if (!/^[^:]+:\d{1,5}$/.test(http)) throw new ConfigError('http', `"${http}" is not host:port`);
  const httpPeers = raw['httpPeers'] === undefined ? {} : members(raw, 'httpPeers', (mid, url) => {
    if (!/^https?:\/\//.test(url)) throw new ConfigError(`httpPeers.${mid}`, `"${url}" is not an http(s) URL`);
  });
  const client = raw['client'];
  if (client !== undefined && (typeof client !== 'string' || !/^tcp:\/\/[^:/]+:\d{1,5}$/.test(client))) {
    throw new ConfigError('client', `${JSON.stringify(client)} is not tcp://host:port`);
  }
  if (typeof client === 'string' && Object.values(cluster).includes(client)) throw new ConfigError('client', `${client} is a peer address; the client endpoint needs its own port`);
  const token = raw['token'];
  if (token !== undefined && (typeof token !== 'string' || token.length < 8)) throw new ConfigError('token', 'must be a string of at least 8 characters');
  const logLevel = (raw['logLevel'] as string | undefined) ?? DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('logLevel', `must be one of ${LOG_LEVELS.join(', ')}`);
  const cfg: NodeConfig = {
    id,
    cluster,
    data: requiredString(raw, 'data'),
    http,
    app: requiredString(raw, 'app'),
    httpPeers,
    tickMs: positiveInt(raw, 'tickMs', DEFAULTS.tickMs, 60_000),
    electionTicks: positiveInt(raw, 'electionTicks', DEFAULTS.electionTicks, 1000),
    snapshotEntries: positiveInt(raw, 'snapshotEntries', DEFAULTS.snapshotEntries, 100_000_000),
    logLevel,
    ...(typeof token === 'string' ? { token } : {}),
    ...(typeof client === 'string' ? { client } : {}),
  };
  if (cfg.electionTicks < 2) throw new ConfigError('electionTicks', 'must be at least 2 (heartbeats are every tick)');
  return cfg;
}
