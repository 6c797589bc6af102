import { BinaryReader, BinaryWriter, type Codec, type StateMachine, type StateMachineDefinition } from '@raftbus/state-machine';

/** Add `delta` to the counter called `name`; the result is the counter's new value. */
export interface AddCommand {
  readonly name: string;
  readonly delta: number;
}

/** Read the counter called `name` (0 if it was never touched). */
export interface GetQuery {
  readonly name: string;
}

/** Named counters. Deterministic: the same adds in the same order give the same values everywhere. */
export class Counters implements StateMachine<AddCommand, number, GetQuery, number> {
  private values = new Map<string, number>();

  apply(command: AddCommand): number {
    if (!Number.isFinite(command.delta)) throw new Error(`delta must be a finite number, got ${command.delta}`);
    const value = (this.values.get(command.name) ?? 0) + command.delta;
    this.values.set(command.name, value);
    return value;
  }

  query(query: GetQuery): number {
    return this.values.get(query.name) ?? 0;
  }

  snapshot(): Uint8Array {
    const w = new BinaryWriter().uint(this.values.size);
    for (const [name, value] of this.values) w.string(name).double(value);
    return w.finish();
  }

  restore(snapshot: Uint8Array): void {
    const r = new BinaryReader(snapshot);
    const values = new Map<string, number>();
    for (let n = r.uint(); n > 0; n--) values.set(r.string(), r.double());
    this.values = values;
  }
}

// Binary codecs: commands cross the log and the network on the hot path, so no JSON.
const addCodec: Codec<AddCommand> = {
  encode: (c) => new BinaryWriter(16 + c.name.length).string(c.name).double(c.delta).finish(),
  decode: (b) => {
    const r = new BinaryReader(b);
    return { name: r.string(), delta: r.double() };
  },
};
const numberCodec: Codec<number> = {
  encode: (v) => new BinaryWriter(8).double(v).finish(),
  decode: (b) => new BinaryReader(b).double(),
};
const getCodec: Codec<GetQuery> = {
  encode: (q) => new BinaryWriter(8 + q.name.length).string(q.name).finish(),
  decode: (b) => ({ name: new BinaryReader(b).string() }),
};

export const counter: StateMachineDefinition<AddCommand, number, GetQuery, number> = {
  name: 'counter',
  create: () => new Counters(),
  commandCodec: addCodec,
  resultCodec: numberCodec,
  queryCodec: getCodec,
  queryResultCodec: numberCodec,
};
