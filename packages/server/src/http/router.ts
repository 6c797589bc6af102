import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './errors.js';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when there is none). */
  readonly body: unknown;
}

export interface ApiResponse {
  readonly status?: number;
  readonly body: unknown;
}

export type Handler = (req: ApiRequest) => Promise<ApiResponse> | ApiResponse;

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: Handler;
}

/** Method + path routing with `:name` segments. Nothing more: the API is small. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  get(pattern: string, handler: Handler): this {
    return this.add('GET', pattern, handler);
  }

  post(pattern: string, handler: Handler): this {
    return this.add('POST', pattern, handler);
  }

  put(pattern: string, handler: Handler): this {
    return this.add('PUT', pattern, handler);
  }

  delete(pattern: string, handler: Handler): this {
    return this.add('DELETE', pattern, handler);
  }

  /** The handler and path parameters for a request; 404 or 405 otherwise. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    if (pathMatched) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`);
    throw new HttpError(404, 'NOT_FOUND', `no route for ${method} ${path}`);
  }
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let k = 0; k < pattern.length; k++) {
    const p = pattern[k]!;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(parts[k]!);
      } catch {
        return undefined;
      }
    } else if (p !== parts[k]) {
      return undefined;
    }
  }
  return params;
}
