import { jsonCodec, type StateMachineDefinition } from '@raftbus/state-machine';
import type { KvInput, KvOutput } from '../linearizability/models/kv.js';
import type { Random } from '../sim/random.js';

/**
 * One client operation of a workload: the model's view of it (`input`, and `output` from the result) and
 * the state machine's (a command to propose, or a query to read).
 */
export type WorkloadOperation<C, R, Q, QR, I, O> =
  | { readonly kind: 'command'; readonly input: I; readonly command: C; output(result: R): O }
  | { readonly kind: 'query'; readonly input: I; readonly query: Q; output(result: QR): O };

/** What simulated clients do: pick their next operation. Deterministic given the Random it is handed. */
export interface Workload<C, R, Q, QR, I, O> {
  readonly name: string;
  next(random: Random, client: number): WorkloadOperation<C, R, Q, QR, I, O>;
}

// ── The KV workload: a small register-per-key store whose history the kvModel checks ─────────────

export type SimKvCommand = Exclude<KvInput, { op: 'get' }>;
export interface SimKvQuery {
  readonly key: string;
}
export interface SimKvResult {
  readonly ok?: boolean;
}

/** A key-value state machine for simulations (JSON codecs; values are strings). */
export const simKvStateMachine: StateMachineDefinition<SimKvCommand, SimKvResult, SimKvQuery, string | null> = {
  name: 'sim-kv',
  create() {
    let data = new Map<string, string>();
    return {
      apply(c) {
        switch (c.op) {
          case 'put':
            data.set(c.key, c.value);
            return {};
          case 'delete':
            data.delete(c.key);
            return {};
          case 'cas': {
            const ok = (data.get(c.key) ?? null) === c.expected;
            if (ok) data.set(c.key, c.value);
            return { ok };
          }
        }
      },
      query: (q) => data.get(q.key) ?? null,
      snapshot: () => new TextEncoder().encode(JSON.stringify([...data])),
      restore: (b) => void (data = new Map(JSON.parse(new TextDecoder().decode(b)) as [string, string][])),
    };
  },
  commandCodec: jsonCodec(),
  resultCodec: jsonCodec(),
  queryCodec: jsonCodec(),
  queryResultCodec: jsonCodec(),
};

/** Gets, puts, compare-and-sets and deletes over a few keys, so clients contend. */
export function kvWorkload(keys = 3): Workload<SimKvCommand, SimKvResult, SimKvQuery, string | null, KvInput, KvOutput> {
  let written = 0;
  return {
    name: 'kv',
    next(random, client) {
      const key = `k${random.int(keys)}`;
      const p = random.float();
      if (p < 0.5) return { kind: 'query', input: { op: 'get', key }, query: { key }, output: (value) => ({ value }) };
      const value = `c${client}-${++written}`;
      if (p < 0.8) {
        const command = { op: 'put', key, value } as const;
        return { kind: 'command', input: command, command, output: () => ({}) };
      }
      if (p < 0.95) {
        // Expect a recent value (or absence), so some swaps succeed and some fail.
        const expected = random.chance(0.2) ? null : `c${random.int(8)}-${Math.max(1, written - random.int(4))}`;
        const command = { op: 'cas', key, expected, value } as const;
        return { kind: 'command', input: command, command, output: (r) => ({ ok: r.ok ?? false }) };
      }
      const command = { op: 'delete', key } as const;
      return { kind: 'command', input: command, command, output: () => ({}) };
    },
  };
}
