import type { AddCommand, GetQuery } from '@raftbus/example-counter';
import type { StateMachineDefinition } from '@raftbus/state-machine';

export interface RequestOptions {
  /** Time this request may take in all, retries included; default: the client's timeoutMs. */
  readonly timeoutMs?: number;
}

export interface ReadRequestOptions extends RequestOptions {
  /** 'linearizable' (default: the leader confirms with a quorum first) or 'stale' (any node's state now). */
  readonly consistency?: 'linearizable' | 'stale';
}

/**
 * `propose` and `read` with typed values; the same shape as a RaftNode's, so the examples' typed clients
 * (LockClient, KvClient) take either. The client's own session makes every command exactly-once; a
 * `session` in the options (as the examples' clients accept) is not needed and is ignored.
 */
export interface TypedEndpoint<C, R, Q, QR> {
  propose(command: C, options?: RequestOptions): Promise<R>;
  read(query: Q, options?: ReadRequestOptions): Promise<QR>;
}

/** What typedEndpoint needs of a client. */
export interface EncodedRequests {
  commandEncoded(command: Uint8Array, options?: RequestOptions): Promise<Uint8Array>;
  queryEncoded(query: Uint8Array, options?: ReadRequestOptions): Promise<Uint8Array>;
}

export function typedEndpoint<C, R, Q, QR>(client: EncodedRequests, def: StateMachineDefinition<C, R, Q, QR>): TypedEndpoint<C, R, Q, QR> {
  const pick = <T extends RequestOptions>(o: T | undefined): T | undefined => (o ? ({ ...o, session: undefined } as T) : undefined);
  return {
    propose: async (command, options) => def.resultCodec.decode(await client.commandEncoded(def.commandCodec.encode(command), pick(options))),
    read: async (query, options) => def.queryResultCodec.decode(await client.queryEncoded(def.queryCodec.encode(query), pick(options))),
  };
}

/** Typed calls for the counter example (named counters). */
export class CounterClient {
  constructor(private readonly endpoint: TypedEndpoint<AddCommand, number, GetQuery, number>) {}

  /** Adds `delta` to counter `name` exactly once; resolves to the counter's new value. */
  add(name: string, delta = 1, options?: RequestOptions): Promise<number> {
    return this.endpoint.propose({ name, delta }, options);
  }

  /** The value of counter `name` (0 if never touched). */
  get(name: string, options?: ReadRequestOptions): Promise<number> {
    return this.endpoint.read({ name }, options);
  }
}
