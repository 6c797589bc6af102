import { EntryType, MessageType, type Entry, type Message, type Snapshot } from '@raftbus/core';
import type { ClientErrorCode, ClientFrame, ClientOutcome, ClientRequest, ClientRequestKind, ClientResponse, SnapshotChunk, SnapshotChunkAck } from '../src/index.js';

/**
 * Seeded random values of every frame type for the property tests: each field is at its default, at
 * a varint boundary, or random, so every encoding path (omitted default, one- to eight-byte varints,
 * one- and two-byte lengths, ASCII and multi-byte UTF-8, present-but-empty optional fields) shows up.
 */
export class Arbitrary {
  constructor(readonly rand: () => number) {}

  int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A uint64 field's value: 0, a varint boundary (2^7k and one below), or uniform below 2^bits. */
  uint64(): number {
    const r = this.rand();
    if (r < 0.25) return 0;
    if (r < 0.5) {
      const k = 1 + this.int(8);
      const boundary = Math.min(2 ** (7 * k), Number.MAX_SAFE_INTEGER);
      return this.chance(0.5) ? boundary - 1 : boundary;
    }
    if (r < 0.55) return Number.MAX_SAFE_INTEGER;
    return Math.floor(this.rand() * 2 ** (1 + this.int(53)));
  }

  uint32(): number {
    return this.chance(0.3) ? 0 : this.int(this.chance(0.5) ? 200 : 2 ** 32);
  }

  bytes(maxBytes = 300): Uint8Array {
    const n = this.chance(0.3) ? 0 : this.int(maxBytes);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }

  /** ASCII mostly; sometimes 2-, 3- and 4-byte UTF-8 characters (a surrogate pair); long now and then. */
  string(minLength = 0): string {
    const length = minLength + (this.chance(0.1) ? this.int(200) : this.int(12));
    let out = '';
    while (out.length < length) {
      const r = this.rand();
      if (r < 0.8) out += String.fromCharCode(0x20 + this.int(0x5f));
      else if (r < 0.88) out += String.fromCharCode(0x80 + this.int(0x780));
      else if (r < 0.95) out += String.fromCharCode(0x800 + this.int(0xd000));
      else out += String.fromCodePoint(0x10000 + this.int(0xfffff));
    }
    return out;
  }

  nodeId(): string {
    return this.chance(0.7) ? `n${this.int(9) + 1}` : this.string(1);
  }

  entry(): Entry {
    return { index: this.uint64(), term: this.uint64(), type: this.pick([EntryType.Normal, EntryType.ConfChange]), data: this.bytes() };
  }

  snapshot(withData = true): Snapshot {
    const ids = (): string[] => Array.from({ length: this.int(4) }, () => this.nodeId());
    return {
      meta: { index: this.uint64(), term: this.uint64(), confState: { voters: ids(), learners: ids(), votersOutgoing: ids() } },
      data: withData ? this.bytes(2000) : new Uint8Array(0),
    };
  }

  message(type: MessageType = this.pick(Object.values(MessageType))): Message {
    const msg: { -readonly [K in keyof Message]: Message[K] } = {
      type,
      from: this.nodeId(),
      to: this.nodeId(),
      term: this.uint64(),
      logTerm: this.uint64(),
      index: this.uint64(),
      commit: this.uint64(),
      entries: Array.from({ length: this.chance(0.5) ? 0 : this.int(6) }, () => this.entry()),
      reject: this.chance(0.3),
      rejectHint: this.uint64(),
    };
    if (type === MessageType.Snapshot || this.chance(0.05)) msg.snapshot = this.snapshot();
    if (this.chance(0.3)) msg.context = this.bytes(40);
    if (this.chance(0.3)) msg.transfer = this.chance(0.5);
    if (this.chance(0.3)) msg.transferee = this.chance(0.2) ? '' : this.nodeId();
    return msg;
  }

  messages(): Message[] {
    return Array.from({ length: this.chance(0.1) ? 0 : 1 + this.int(this.chance(0.8) ? 2 : 20) }, () => this.message());
  }

  chunk(): SnapshotChunk {
    const chunkCount = 1 + this.int(this.chance(0.5) ? 5 : 2 ** 32 - 1);
    const chunkIndex = this.chance(0.4) ? 0 : this.int(chunkCount);
    const chunk = { streamId: this.uint64(), chunkIndex, chunkCount, totalBytes: this.uint64(), data: this.bytes(2000) };
    // The header travels in chunk 0 without its snapshot's bytes (the chunks carry them).
    return chunkIndex === 0 ? { ...chunk, header: this.message(MessageType.Snapshot) } : chunk;
  }

  ack(): SnapshotChunkAck {
    return { streamId: this.uint64(), chunkIndex: this.uint32(), aborted: this.chance(0.5) };
  }

  request(): ClientRequest {
    const kind = this.pick<ClientRequestKind>(['command', 'query', 'registerSession']);
    return {
      clientId: this.string(1),
      sequence: this.uint64(),
      requestId: this.uint64(),
      kind,
      payload: this.bytes(),
      staleReadOk: this.chance(0.3),
      ackedBelow: this.uint64(),
    };
  }

  outcome(): ClientOutcome {
    switch (this.int(3)) {
      case 0:
        return { kind: 'result', result: this.bytes() };
      case 1:
        return { kind: 'redirect', leaderId: this.chance(0.3) ? '' : this.nodeId(), leaderAddress: this.chance(0.3) ? '' : `tcp://127.0.0.1:${this.int(65536)}` };
      default: {
        const codes: ClientErrorCode[] = [
          'notLeader', 'timeout', 'proposalDropped', 'sessionExpired', 'badRequest', 'internal', 'outcomeUnknown', 'overloaded', 'applyFailed', 'stopped',
        ];
        return { kind: 'error', code: this.pick(codes), message: this.chance(0.2) ? '' : this.string() };
      }
    }
  }

  response(): ClientResponse {
    return { requestId: this.uint64(), outcome: this.outcome() };
  }

  clientFrame(): ClientFrame {
    const count = this.chance(0.1) ? 0 : 1 + this.int(this.chance(0.8) ? 3 : 40);
    if (this.chance(0.5)) return { kind: 'requests', requests: Array.from({ length: count }, () => this.request()) };
    return {
      kind: 'responses',
      responses: Array.from({ length: count }, () => this.response()),
      nodeId: this.chance(0.1) ? '' : this.nodeId(),
      leaderId: this.chance(0.3) ? '' : this.nodeId(),
    };
  }
}
