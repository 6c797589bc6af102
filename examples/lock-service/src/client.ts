import { UnexpectedLockResultError } from './errors.js';
import type { AcquireResult, LockCommand, LockQuery, LockQueryResult, LockResult, LockStatus, LockSummary, ReleaseResult, RenewResult, TickResult } from './types.js';

/** Options passed through to `propose`: a session (client id + sequence) makes a retry apply once. */
export interface LockProposeOptions {
  readonly timeoutMs?: number;
  readonly session?: { readonly clientId: string; readonly seq: number };
}

/**
 * Anything that can propose lock commands and read lock queries: a RaftNode running `lockService`, or a
 * remote client with the same two methods.
 */
export interface LockEndpoint {
  propose(command: LockCommand, options?: LockProposeOptions): Promise<LockResult>;
  read(query: LockQuery): Promise<LockQueryResult>;
}

/** Typed calls over a LockEndpoint: each method returns only the result kinds its command can produce. */
export class LockClient {
  constructor(private readonly endpoint: LockEndpoint) {}

  async acquire(name: string, owner: string, ttlMs: number, waitMs?: number, options?: LockProposeOptions): Promise<AcquireResult> {
    const command: LockCommand = waitMs === undefined ? { type: 'acquire', name, owner, ttlMs } : { type: 'acquire', name, owner, ttlMs, waitMs };
    const res = await this.endpoint.propose(command, options);
    if (res.kind === 'granted' || res.kind === 'held' || res.kind === 'queued') return res;
    throw new UnexpectedLockResultError('acquire', res.kind);
  }

  async renew(name: string, owner: string, token: number, ttlMs: number, options?: LockProposeOptions): Promise<RenewResult> {
    const res = await this.endpoint.propose({ type: 'renew', name, owner, token, ttlMs }, options);
    if (res.kind === 'renewed' || res.kind === 'rejected') return res;
    throw new UnexpectedLockResultError('renew', res.kind);
  }

  async release(name: string, owner: string, token: number, options?: LockProposeOptions): Promise<ReleaseResult> {
    const res = await this.endpoint.propose({ type: 'release', name, owner, token }, options);
    if (res.kind === 'released' || res.kind === 'rejected') return res;
    throw new UnexpectedLockResultError('release', res.kind);
  }

  async tick(options?: LockProposeOptions): Promise<TickResult> {
    const res = await this.endpoint.propose({ type: 'tick' }, options);
    if (res.kind === 'ticked') return res;
    throw new UnexpectedLockResultError('tick', res.kind);
  }

  async status(name: string): Promise<LockStatus> {
    const res = await this.endpoint.read({ type: 'status', name });
    if (res.kind === 'status') return res;
    throw new UnexpectedLockResultError('status', res.kind);
  }

  async summary(): Promise<LockSummary> {
    const res = await this.endpoint.read({ type: 'summary' });
    if (res.kind === 'summary') return res;
    throw new UnexpectedLockResultError('summary', res.kind);
  }
}
