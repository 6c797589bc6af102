import { badRequest } from './errors.js';

/** Small validators for JSON bodies: each names the offending field in its 400 answer. */
export function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the body must be a JSON object');
  return body as Record<string, unknown>;
}

export function str(o: Record<string, unknown>, field: string, opts: { maxLength?: number; optional?: boolean } = {}): string {
  const v = o[field];
  if (v === undefined && opts.optional) return '';
  if (typeof v !== 'string') throw badRequest(`"${field}" must be a string`, field);
  if (opts.maxLength !== undefined && v.length > opts.maxLength) throw badRequest(`"${field}" is longer than ${opts.maxLength} characters`, field);
  return v;
}

export function num(o: Record<string, unknown>, field: string, opts: { min?: number; max?: number; integer?: boolean; optional?: boolean } = {}): number | undefined {
  const v = o[field];
  if (v === undefined && opts.optional) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest(`"${field}" must be a finite number`, field);
  if (opts.integer && !Number.isSafeInteger(v)) throw badRequest(`"${field}" must be an integer`, field);
  if (opts.min !== undefined && v < opts.min) throw badRequest(`"${field}" must be ≥ ${opts.min}`, field);
  if (opts.max !== undefined && v > opts.max) throw badRequest(`"${field}" must be ≤ ${opts.max}`, field);
  return v;
}

export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const v = Number(raw);
  if (!Number.isSafeInteger(v) || v < min || v > max) throw badRequest(`query parameter "${name}" must be an integer in [${min}, ${max}]`, name);
  return v;
}
