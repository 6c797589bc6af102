import { kvStore, type KvCommand, type KvQuery, type KvQueryResult, type KvResult } from '@raftbus/example-kv-store';
import { HttpError } from '../http/errors.js';
import { sessionOf } from '../http/session.js';
import { object } from '../http/validate.js';
import { readConsistency, type ServerApp } from './app.js';

const KEY_BYTES_MAX = 1024;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

function key(params: Readonly<Record<string, string>>): string {
  const k = params['key'] ?? '';
  if (k === '' || utf8.encode(k).byteLength > KEY_BYTES_MAX) throw new HttpError(400, 'BAD_REQUEST', `the key must be 1–${KEY_BYTES_MAX} UTF-8 bytes`, { field: 'key' });
  return k;
}

function stringField(body: Record<string, unknown>, field: string, nullable: boolean): Uint8Array | null {
  const v = body[field];
  if (nullable && v === null) return null;
  if (typeof v !== 'string') throw new HttpError(400, 'BAD_REQUEST', `"${field}" must be a string${nullable ? ' or null' : ''}`, { field });
  return utf8.encode(v);
}

const text = (b: Uint8Array | null) => (b === null ? null : fromUtf8.decode(b));

export const kvStoreApp: ServerApp<KvCommand, KvResult, KvQuery, KvQueryResult> = {
  name: 'kv-store',
  definition: kvStore,
  routes(router, node) {
    router.get('/v1/kv/:key', async (req) => {
      const k = key(req.params);
      const value = await node.read({ type: 'get', key: k }, { consistency: readConsistency(req.query) });
      if (value === null) throw new HttpError(404, 'KEY_NOT_FOUND', `no value for key ${k}`);
      return { body: { key: k, value: text(value) } };
    });
    router.put('/v1/kv/:key', async (req) => {
      const k = key(req.params);
      const value = stringField(object(req.body), 'value', false)!;
      const r = await node.propose({ type: 'put', key: k, value }, { session: sessionOf(req) });
      return { body: { key: k, previous: r.kind === 'put' ? text(r.previous) : null } };
    });
    router.delete('/v1/kv/:key', async (req) => {
      const k = key(req.params);
      const r = await node.propose({ type: 'delete', key: k }, { session: sessionOf(req) });
      return { body: { key: k, deleted: r.kind === 'delete' && r.deleted } };
    });
    router.post('/v1/kv/:key/cas', async (req) => {
      const k = key(req.params);
      const b = object(req.body);
      const r = await node.propose({ type: 'cas', key: k, expected: stringField(b, 'expected', true), value: stringField(b, 'value', false)! }, { session: sessionOf(req) });
      if (r.kind !== 'cas') throw new HttpError(500, 'INTERNAL', `unexpected result ${r.kind}`);
      return { body: { ok: r.ok, value: text(r.value) } };
    });
  },
};
