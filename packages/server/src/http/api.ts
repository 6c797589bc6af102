import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '@raftbus/core';
import { HttpError, toHttpError } from './errors.js';
import type { ApiRequest, Router } from './router.js';

/** A handler that writes the response itself (static files, server-sent events, /metrics text). */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpApiOptions {
  readonly router: Router;
  /** Exact-path handlers outside the JSON API (checked before the router). */
  readonly raw?: ReadonlyMap<string, RawHandler>;
  /** Raw paths served without the bearer token: static files that hold no data (the dashboard page). */
  readonly publicPaths?: ReadonlySet<string>;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  readonly bearerToken?: string;
  /** Largest accepted request body. */
  readonly maxBodyBytes?: number;
  readonly logger: Logger;
}

export const DEFAULT_MAX_BODY_BYTES = 1 << 20;

/** The node's HTTP server: JSON in and out, bounded bodies, typed errors, optional bearer token. */
export function createHttpApi(opts: HttpApiOptions): Server {
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const expectedAuth = opts.bearerToken ? Buffer.from(`Bearer ${opts.bearerToken}`) : undefined;
  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      const e = toHttpError(err);
      if (e.status >= 500) opts.logger.warn({ method: req.method, url: req.url, code: e.code, err: e.message }, 'request failed');
      sendJson(res, e.status, { error: { code: e.code, message: e.message, ...e.details } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (expectedAuth && !opts.publicPaths?.has(url.pathname)) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expectedAuth.length || !timingSafeEqual(given, expectedAuth)) {
        req.resume();
        throw new HttpError(401, 'UNAUTHORIZED', 'missing or wrong bearer token');
      }
    }
    const raw = opts.raw?.get(url.pathname);
    if (raw) return raw(req, res);
    const { handler, params } = opts.router.match(req.method ?? 'GET', url.pathname);
    const body = await readJsonBody(req, maxBodyBytes);
    const apiReq: ApiRequest = { method: req.method ?? 'GET', path: url.pathname, params, query: url.searchParams, headers: req.headers, body };
    const out = await handler(apiReq);
    sendJson(res, out.status ?? 200, out.body);
  }

  return server;
}

async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.resume();
      throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'the body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
