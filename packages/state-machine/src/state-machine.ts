/** What a command sees when it is applied: its place in the log and the leader-stamped log time. */
export interface ApplyContext {
  /** Log index of the command. */
  readonly index: number;
  /** Term of the leader that proposed it. */
  readonly term: number;
  /**
   * Milliseconds since the epoch as stamped by the leader when it proposed the command, made
   * monotonic along the log. Use it (never `Date.now()`) for anything time-based — leases, TTLs — so
   * that every replica computes the same state.
   */
  readonly logTimeMs: number;
}

/**
 * A deterministic state machine: applying the same commands in the same order to the same snapshot
 * gives the same state and results on every node. No clocks, no randomness, no I/O inside.
 *
 * @typeParam Command - what `apply` takes (proposed through the log)
 * @typeParam Result - what `apply` returns to the proposer
 * @typeParam Query - what `query` takes (served locally, never logged)
 * @typeParam QueryResult - what `query` returns
 */
export interface StateMachine<Command, Result, Query, QueryResult> {
  apply(command: Command, context: ApplyContext): Result;
  /** Read the current state. Must not change it. */
  query(query: Query): QueryResult;
  /** The whole state as bytes. */
  snapshot(): Uint8Array;
  /** Replace the whole state with a snapshot taken by `snapshot()` (on any node). */
  restore(snapshot: Uint8Array): void;
}

/** Turns values into bytes and back. `decode(encode(v))` must equal `v`. */
export interface Codec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

/**
 * Everything raftbus needs to replicate a state machine: a factory (each node builds its own copy) and
 * the codecs for what crosses the log and the network.
 */
export interface StateMachineDefinition<Command, Result, Query, QueryResult> {
  /** A short name, e.g. "counter"; shown in status and logs. */
  readonly name: string;
  create(): StateMachine<Command, Result, Query, QueryResult>;
  readonly commandCodec: Codec<Command>;
  readonly resultCodec: Codec<Result>;
  readonly queryCodec: Codec<Query>;
  readonly queryResultCodec: Codec<QueryResult>;
}

/** A definition's type parameters, for generic code. */
export type CommandOf<D> = D extends StateMachineDefinition<infer C, unknown, unknown, unknown> ? C : never;
export type ResultOf<D> = D extends StateMachineDefinition<unknown, infer R, unknown, unknown> ? R : never;
export type QueryOf<D> = D extends StateMachineDefinition<unknown, unknown, infer Q, unknown> ? Q : never;
export type QueryResultOf<D> = D extends StateMachineDefinition<unknown, unknown, unknown, infer QR> ? QR : never;
