import type { ProposeOptions } from '@raftbus/core';
import { badRequest } from './errors.js';
import type { ApiRequest } from './router.js';

const MAX_KEY_LENGTH = 128;

/**
 * The exactly-once session of a write request: `Idempotency-Key: K` (each key is a session of one
 * command), or `Raftbus-Client-Id` + `Raftbus-Sequence` for clients that number their commands. A
 * retried request with the same key or (client, sequence) applies once and gets the first result.
 */
export function sessionOf(req: ApiRequest): ProposeOptions['session'] {
  const key = req.headers['idempotency-key'];
  if (typeof key === 'string' && key !== '') {
    if (key.length > MAX_KEY_LENGTH) throw badRequest(`Idempotency-Key is longer than ${MAX_KEY_LENGTH} characters`, 'Idempotency-Key');
    return { clientId: `idem:${key}`, seq: 1 };
  }
  const client = req.headers['raftbus-client-id'];
  const seq = req.headers['raftbus-sequence'];
  if (typeof client === 'string' && client !== '') {
    const n = Number(seq);
    if (client.length > MAX_KEY_LENGTH) throw badRequest(`Raftbus-Client-Id is longer than ${MAX_KEY_LENGTH} characters`, 'Raftbus-Client-Id');
    if (!Number.isSafeInteger(n) || n < 1) throw badRequest('Raftbus-Sequence must be a positive integer', 'Raftbus-Sequence');
    return { clientId: `client:${client}`, seq: n };
  }
  return undefined;
}
