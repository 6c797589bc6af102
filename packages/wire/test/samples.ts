import { EntryType, MessageType, type Message } from '@raftbus/core';
import type { ClientFrame } from '../src/index.js';

/** Small seeded PRNG (mulberry32): every fuzz and sample run replays from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function bytes(n: number, fill: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (fill + i * 31) & 0xff;
  return b;
}

const base = { from: 'n1', to: 'n2', term: 7, logTerm: 0, index: 0, commit: 0, entries: [], reject: false, rejectHint: 0 };

/** One message per type, each field set to a non-default value somewhere, optional fields in every state. */
export function sampleMessages(): Message[] {
  return [
    {
      ...base,
      type: MessageType.Append,
      logTerm: 6,
      index: 41,
      commit: 40,
      entries: [
        { index: 42, term: 7, type: 0, data: bytes(5, 1) },
        { index: 43, term: 7, type: 1, data: bytes(0, 0) },
        { index: Number.MAX_SAFE_INTEGER, term: 2 ** 40, type: 0, data: bytes(300, 9) },
      ],
    },
    { ...base, type: MessageType.AppendResponse, from: 'n2', to: 'n1', index: 43 },
    { ...base, type: MessageType.AppendResponse, reject: true, logTerm: 5, index: 41, rejectHint: 30 },
    { ...base, type: MessageType.Vote, logTerm: 6, index: 43, transfer: true },
    { ...base, type: MessageType.Vote, logTerm: 6, index: 43, transfer: false },
    { ...base, type: MessageType.VoteResponse, reject: true },
    { ...base, type: MessageType.PreVote, term: 8, logTerm: 6, index: 43 },
    { ...base, type: MessageType.PreVoteResponse, term: 8 },
    { ...base, type: MessageType.Heartbeat, commit: 43, index: 3 },
    { ...base, type: MessageType.HeartbeatResponse, index: 3 },
    {
      ...base,
      type: MessageType.Snapshot,
      snapshot: {
        meta: { index: 100, term: 6, confState: { voters: ['n1', 'n2', 'n3'], learners: ['n4'], votersOutgoing: ['n1', 'n2', 'n5'] } },
        data: bytes(1000, 3),
      },
    },
    {
      ...base,
      type: MessageType.Snapshot,
      snapshot: { meta: { index: 1, term: 1, confState: { voters: [], learners: [], votersOutgoing: [] } }, data: new Uint8Array(0) },
    },
    { ...base, type: MessageType.TimeoutNow },
    { ...base, type: MessageType.ReadIndex, context: bytes(16, 77) },
    { ...base, type: MessageType.ReadIndex, context: new Uint8Array(0) },
    { ...base, type: MessageType.ReadIndexResponse, index: 43, context: bytes(16, 77) },
    { ...base, type: MessageType.TransferLeader, transferee: 'n3' },
    { ...base, type: MessageType.TransferLeader, transferee: 'ünïcødé-node' },
    { ...base, type: MessageType.Propose, entries: [{ index: 0, term: 0, type: EntryType.Normal, data: bytes(40, 5) }, { index: 0, term: 0, type: EntryType.Normal, data: new Uint8Array(0) }] },
  ];
}

export function sampleClientRequests(): ClientFrame {
  return {
    kind: 'requests',
    requests: [
      { clientId: 'c-1', sequence: 12, requestId: 99, kind: 'command', payload: bytes(10, 2), staleReadOk: false, ackedBelow: 7 },
      { clientId: 'c-1', sequence: 0, requestId: 100, kind: 'query', payload: bytes(3, 2), staleReadOk: true, ackedBelow: 0 },
      { clientId: 'c-2', sequence: 0, requestId: 2 ** 50, kind: 'registerSession', payload: new Uint8Array(0), staleReadOk: false, ackedBelow: 0 },
    ],
  };
}

export function sampleClientResponses(): ClientFrame {
  return {
    kind: 'responses',
    nodeId: 'n2',
    leaderId: 'n3',
    responses: [
      { requestId: 99, outcome: { kind: 'result', result: bytes(4, 1) } },
      { requestId: 98, outcome: { kind: 'result', result: new Uint8Array(0) } },
      { requestId: 100, outcome: { kind: 'redirect', leaderId: 'n3', leaderAddress: 'tcp://127.0.0.1:7003' } },
      { requestId: 101, outcome: { kind: 'error', code: 'overloaded', message: 'more than 64 requests in flight' } },
    ],
  };
}
