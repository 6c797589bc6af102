import { LockTicker, lockService, type LockCommand, type LockQuery, type LockQueryResult, type LockResult, type LockStatus } from '@raftbus/example-lock-service';
import { HttpError } from '../http/errors.js';
import { sessionOf } from '../http/session.js';
import { num, object, str } from '../http/validate.js';
import { readConsistency, type ServerApp } from './app.js';

const NAME_LENGTH_MAX = 256;
const TTL_MS_MAX = 3_600_000;
/** How often a waiting acquire looks at the lock again (its grant happens in the replicated state). */
const WAIT_POLL_MS = 20;

function lockHeld(status: { holder: string | null; expiresAt: number | null }): HttpError {
  return new HttpError(409, 'LOCK_HELD', `the lock is held by ${status.holder}`, { holder: status.holder, expiresAt: status.expiresAt });
}

function rejected(reason: string): HttpError {
  const messages: Record<string, string> = {
    expired: 'the lease expired (or was released): the lock is free',
    'not-holder': 'another owner holds the lock',
    'stale-token': 'this token belongs to an older grant',
  };
  return new HttpError(409, reason.toUpperCase().replace('-', '_'), messages[reason] ?? reason);
}

export const lockServiceApp: ServerApp<LockCommand, LockResult, LockQuery, LockQueryResult> = {
  name: 'lock-service',
  definition: lockService,
  routes(router, node) {
    const params = (p: Readonly<Record<string, string>>) => str(p, 'name', { maxLength: NAME_LENGTH_MAX });

    router.post('/v1/locks/:name/acquire', async (req) => {
      const name = params(req.params);
      const b = object(req.body);
      const owner = str(b, 'owner', { maxLength: NAME_LENGTH_MAX });
      if (owner === '') throw new HttpError(400, 'BAD_REQUEST', '"owner" must not be empty', { field: 'owner' });
      const ttlMs = num(b, 'ttlMs', { min: 1, max: TTL_MS_MAX, integer: true })!;
      const waitMs = num(b, 'waitMs', { min: 0, max: TTL_MS_MAX, integer: true, optional: true }) ?? 0;
      const result = await node.propose({ type: 'acquire', name, owner, ttlMs, waitMs }, { session: sessionOf(req) });
      if (result.kind === 'granted') return { body: { token: result.token, expiresAt: result.expiresAt } };
      if (result.kind === 'held') throw lockHeld(result);
      if (result.kind !== 'queued') throw new HttpError(500, 'INTERNAL', `unexpected result ${result.kind}`);
      // Queued: the state machine hands the lock over in FIFO order; watch for our grant until waitMs.
      const until = Date.now() + waitMs;
      let status: LockStatus | undefined;
      while (Date.now() < until) {
        await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
        status = (await node.read({ type: 'status', name })) as LockStatus;
        if (status.holder === owner && status.token !== null) return { body: { token: status.token, expiresAt: status.expiresAt } };
      }
      throw lockHeld(status ?? { holder: null, expiresAt: null });
    });

    router.post('/v1/locks/:name/renew', async (req) => {
      const name = params(req.params);
      const b = object(req.body);
      const owner = str(b, 'owner', { maxLength: NAME_LENGTH_MAX });
      const token = num(b, 'token', { min: 1, integer: true })!;
      const ttlMs = num(b, 'ttlMs', { min: 1, max: TTL_MS_MAX, integer: true })!;
      const result = await node.propose({ type: 'renew', name, owner, token, ttlMs }, { session: sessionOf(req) });
      if (result.kind === 'renewed') return { body: { token: result.token, expiresAt: result.expiresAt } };
      throw rejected(result.kind === 'rejected' ? result.reason : result.kind);
    });

    router.post('/v1/locks/:name/release', async (req) => {
      const name = params(req.params);
      const b = object(req.body);
      const owner = str(b, 'owner', { maxLength: NAME_LENGTH_MAX });
      const token = num(b, 'token', { min: 1, integer: true })!;
      const result = await node.propose({ type: 'release', name, owner, token }, { session: sessionOf(req) });
      if (result.kind === 'released') return { body: { released: true, next: result.next } };
      throw rejected(result.kind === 'rejected' ? result.reason : result.kind);
    });

    router.get('/v1/locks/:name', async (req) => {
      const status = await node.read({ type: 'status', name: params(req.params) }, { consistency: readConsistency(req.query) });
      return { body: status };
    });
  },
  background(node) {
    // Expiry needs log time to advance on an idle cluster: the leader proposes a tick when one is due.
    const ticker = new LockTicker(node).start();
    return () => ticker.stop();
  },
};
