import { UnexpectedKvResultError } from './errors.js';
import type { CasResult, KvCommand, KvQuery, KvQueryResult, KvResult } from './types.js';

/** Options passed through to `propose`: a session (client id + sequence) makes a retry apply once. */
export interface KvProposeOptions {
  readonly timeoutMs?: number;
  readonly session?: { readonly clientId: string; readonly seq: number };
}

/** Anything that can propose kv commands and read kv queries: a RaftNode running `kvStore`, or a remote client. */
export interface KvEndpoint {
  propose(command: KvCommand, options?: KvProposeOptions): Promise<KvResult>;
  read(query: KvQuery): Promise<KvQueryResult>;
}

/** Typed calls over a KvEndpoint. */
export class KvClient {
  constructor(private readonly endpoint: KvEndpoint) {}

  /** Set `key`; resolves to the value it replaced (null if absent). */
  async put(key: string, value: Uint8Array, options?: KvProposeOptions): Promise<Uint8Array | null> {
    const res = await this.endpoint.propose({ type: 'put', key, value }, options);
    if (res.kind === 'put') return res.previous;
    throw new UnexpectedKvResultError('put', res.kind);
  }

  /**
   * Set `key` without learning what it replaced: `put` minus the old value, which no replica then copies,
   * keeps for retries or sends back (etcd's put without `prev_kv`). Resolves once the write is applied.
   */
  async set(key: string, value: Uint8Array, options?: KvProposeOptions): Promise<void> {
    const res = await this.endpoint.propose({ type: 'set', key, value }, options);
    if (res.kind !== 'set') throw new UnexpectedKvResultError('set', res.kind);
  }

  /** Remove `key`; resolves to false if it was already absent. */
  async delete(key: string, options?: KvProposeOptions): Promise<boolean> {
    const res = await this.endpoint.propose({ type: 'delete', key }, options);
    if (res.kind === 'delete') return res.deleted;
    throw new UnexpectedKvResultError('delete', res.kind);
  }

  /** Set `key` to `value` if it holds `expected` (null: if it is absent). */
  async cas(key: string, expected: Uint8Array | null, value: Uint8Array, options?: KvProposeOptions): Promise<CasResult> {
    const res = await this.endpoint.propose({ type: 'cas', key, expected, value }, options);
    if (res.kind === 'cas') return res;
    throw new UnexpectedKvResultError('cas', res.kind);
  }

  /** The value of `key`, or null (linearizable when the endpoint is a RaftNode). */
  get(key: string): Promise<Uint8Array | null> {
    return this.endpoint.read({ type: 'get', key });
  }
}
