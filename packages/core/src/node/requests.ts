import {
  OutcomeUnknownError,
  OverloadedError,
  ProposalDroppedError,
  StoppedError,
  TimeoutError,
} from '../errors.js';
import type { NodeId } from '../protocol/types.js';
import type { Applied } from './applier.js';
import type { Envelope } from './envelope.js';
import type { Metrics, ProposalFailureReason } from './metrics.js';
import { SequenceMap } from './sequence-map.js';

type Status = 'queued' | 'submitted' | 'forwarded';

/**
 * Where a proposal's outcome goes: a promise's resolving functions, or an object of the caller's (a
 * network endpoint answers thousands of requests a second, and a promise per request with a `then`
 * reaction on it was a sixth of a leader's allocation). Called once, from the apply loop or a timer.
 */
export interface ProposalAnswer<R> {
  resolve(result: R | Uint8Array): void;
  reject(error: Error): void;
}

export class PendingProposal<R> {
  status: Status = 'queued';
  index = 0;

  constructor(
    readonly requestId: number,
    /** Emptied once the proposal is answered (see ProposalBook.finish). */
    public command: Uint8Array,
    readonly session: { readonly clientId: string; readonly seq: number; readonly ackedBelow?: number } | undefined,
    readonly startedMs: number,
    readonly deadlineMs: number,
    /** The caller wants the result encoded with the result codec (a network endpoint), not decoded. */
    readonly wantsEncoded: boolean,
    readonly answer: ProposalAnswer<R>,
  ) {}

  /** The envelope this proposal enters the log in (one object of one shape: it is on the hot path). */
  envelope(origin: NodeId, incarnation: number, requestsAckedBelow: number, logTimeMs: number): Envelope {
    return {
      logTimeMs,
      origin,
      incarnation,
      requestId: this.requestId,
      requestsAckedBelow,
      clientId: this.session?.clientId ?? '',
      seq: this.session?.seq ?? 0,
      ackedBelow: this.session?.ackedBelow ?? 0,
      command: this.command,
    };
  }
}

/** What an answered proposal's command becomes (see ProposalBook.finish). */
const NO_COMMAND = new Uint8Array(0);

/** How many request ids `ProposalBook.pending` may span per proposal it may hold (16 × 65,536 ids: 8 MiB of slots). */
const SPAN_PER_PENDING_MAX = 16;

type ProposalOptions = { timeoutMs?: number; session?: { clientId: string; seq: number; ackedBelow?: number } | undefined };

/**
 * Every proposal made on this node until it is answered. A proposal is queued (not yet handed to Raft:
 * failing it is safe), submitted (appended by us as leader at a known index) or forwarded (sent to the
 * leader: index unknown). Once it has left the node, only its application — or its index being taken
 * by another entry — tells the outcome; otherwise the caller gets OutcomeUnknownError.
 */
export class ProposalBook<R> {
  private nextRequestId = 1;
  /**
   * By request id. Ids are handed out in increasing order and mostly answered in it, so this is a
   * SequenceMap, not a Map: a Map used as a sliding window rebuilds its table every few hundred
   * proposals, and each obsolete table links to its successor (for live iterators). Once one table was
   * promoted, that link kept every later table, and every proposal in them, alive through young
   * collections until the next full one (on a leader at 256 in flight, about a third of the bytes it
   * promoted).
   */
  private readonly pending = new SequenceMap<PendingProposal<R>>();
  /** The widest span of request ids `pending` may cover (its memory follows the span, not the count). */
  private readonly maxSpan: number;
  private queue: PendingProposal<R>[] = [];
  /** Submitted proposals by log index: every key is above the applied index (applying an index answers it). */
  private readonly byIndex = new SequenceMap<PendingProposal<R>>();

  constructor(
    private readonly maxPending: number,
    private readonly defaultTimeoutMs: number,
    private readonly metrics: Metrics,
    private readonly encodeResult: (result: R) => Uint8Array,
  ) {
    this.maxSpan = Math.max(1, maxPending) * SPAN_PER_PENDING_MAX;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Every request id below this one is answered (ids increase). */
  lowestPendingRequestId(): number {
    return this.pending.firstKey() ?? this.nextRequestId;
  }

  /**
   * A new proposal; with `wantsEncoded` its answer gets the encoded result (a Uint8Array), else R. An
   * overloaded book rejects it at once.
   */
  enqueue(command: Uint8Array, nowMs: number, opts: ProposalOptions, wantsEncoded: boolean, answer: ProposalAnswer<R>): void {
    if (this.pending.size >= this.maxPending) {
      this.metrics.proposalFailed?.('overloaded');
      return answer.reject(new OverloadedError('proposals', this.maxPending));
    }
    if (this.pending.spanWith(this.nextRequestId) > this.maxSpan) {
      // The oldest unanswered proposal has waited while this many others came and went (a lost one with a
      // long timeout): refuse new ones until it is answered or expires, as when too many are pending.
      this.metrics.proposalFailed?.('overloaded');
      return answer.reject(new OverloadedError('request ids since the oldest unanswered proposal', this.maxSpan));
    }
    const id = this.nextRequestId++;
    const deadlineMs = nowMs + (opts.timeoutMs ?? this.defaultTimeoutMs);
    const p = new PendingProposal<R>(id, command, opts.session, nowMs, deadlineMs, wantsEncoded, answer);
    this.pending.set(id, p);
    this.queue.push(p);
  }

  hasQueued(): boolean {
    return this.queue.length > 0;
  }

  takeQueued(max: number): PendingProposal<R>[] {
    return this.queue.splice(0, max);
  }

  submitted(p: PendingProposal<R>, index: number, _term: number): void {
    p.status = 'submitted';
    p.index = index;
    this.byIndex.set(index, p);
  }

  forwarded(p: PendingProposal<R>): void {
    p.status = 'forwarded';
  }

  rejectBatch(batch: readonly PendingProposal<R>[], err: Error): void {
    for (const p of batch) this.finish(p, err);
  }

  /** An entry was applied at `index`: answer our proposal there, or fail the one it displaced. */
  applied(index: number, _term: number, outcome: Applied<R> | undefined, self: NodeId, incarnation: number, nowMs: number): void {
    const expected = this.byIndex.get(index);
    const env = outcome?.envelope;
    const ours = env !== undefined && env.origin === self && env.incarnation === incarnation;
    if (expected && !(ours && env.requestId === expected.requestId)) {
      // A new leader put another entry at the index our proposal had: it can never commit.
      this.finish(expected, new ProposalDroppedError(`superseded at index ${index} after a leader change`), undefined, 'superseded');
    }
    if (!ours) return;
    const p = this.pending.get(env.requestId);
    if (!p) return;
    if (outcome!.ok) {
      const result = outcome!.result as R;
      this.finish(p, undefined, p.wantsEncoded ? (outcome!.encodedResult ?? this.encodeResult(result)) : result);
      this.metrics.proposalCommitted?.((nowMs - p.startedMs) / 1000);
    } else {
      // The state machine rejected the command: it committed, so it is not a failed proposal.
      this.finish(p, outcome!.error, undefined, null);
    }
  }

  /** A snapshot replaced the log up to `index`: proposals there may be in it, or not. */
  coveredBySnapshot(index: number): void {
    for (const [i, p] of this.byIndex.entries()) if (i <= index) this.finish(p, new OutcomeUnknownError(`index ${i} was replaced by a snapshot`));
    for (const p of this.pending.values()) {
      if (p.status === 'forwarded') this.finish(p, new OutcomeUnknownError('the log was replaced by a snapshot'));
    }
  }

  expire(nowMs: number): void {
    for (const p of this.pending.values()) {
      if (p.deadlineMs > nowMs) continue;
      const timeoutMs = p.deadlineMs - p.startedMs;
      this.finish(p, p.status === 'queued' ? new TimeoutError('proposal (no leader to send it to)', timeoutMs) : new OutcomeUnknownError(`no result within ${timeoutMs} ms`));
    }
  }

  failAll(reason: string): void {
    for (const p of [...this.pending.values()]) {
      this.finish(p, p.status === 'queued' ? new StoppedError(reason) : new OutcomeUnknownError(reason));
    }
  }

  /**
   * Answer `p` once. A failure is counted under `reason`, by default the one its error implies; `null`
   * for an error that is not a failure of the proposal (the state machine's own rejection).
   */
  private finish(p: PendingProposal<R>, err: Error | undefined, result?: R | Uint8Array, reason?: ProposalFailureReason | null): void {
    if (!this.pending.delete(p.requestId)) return;
    if (err && reason !== null) this.metrics.proposalFailed?.(reason ?? failureReason(err));
    if (p.status === 'queued') this.queue = this.queue.filter((q) => q !== p);
    if (p.status === 'submitted' && this.byIndex.get(p.index) === p) this.byIndex.delete(p.index);
    // The command is a view of the request's frame. A proposal object that V8 placed in the old generation
    // would otherwise keep the frame's buffer (and the view) alive until the next full collection.
    p.command = NO_COMMAND;
    if (err) p.answer.reject(err);
    else p.answer.resolve(result!);
  }
}

function failureReason(err: Error): ProposalFailureReason {
  if (err instanceof TimeoutError) return 'timeout';
  if (err instanceof OutcomeUnknownError) return 'outcome_unknown';
  if (err instanceof StoppedError) return 'stopped';
  if (err instanceof OverloadedError) return 'overloaded';
  return 'dropped';
}

interface PendingRead<Q, QR> {
  readonly query: Q;
  readonly deadlineMs: number;
  readonly timeoutMs: number;
  readonly resolve: (r: QR) => void;
  readonly reject: (e: Error) => void;
  done: boolean;
}

interface ReadBatch<Q, QR> {
  readonly context: Uint8Array;
  readonly reads: PendingRead<Q, QR>[];
  /** The read index once the leader confirmed it. */
  index: number | undefined;
}

function contextKey(context: Uint8Array): string {
  return Buffer.from(context.buffer, context.byteOffset, context.byteLength).toString('hex');
}

/**
 * Linearizable reads waiting on this node. Reads arriving in one turn share one ReadIndex request
 * (one heartbeat round on the leader); each batch is served once the state machine has applied the
 * index the leader returned.
 */
export class ReadBook<Q, QR> {
  private queue: PendingRead<Q, QR>[] = [];
  private readonly batches = new Map<string, ReadBatch<Q, QR>>();
  private seq = 0;
  private count = 0;

  constructor(
    private readonly maxPending: number,
    private readonly defaultTimeoutMs: number,
    /** Part of every context, so an answer meant for an earlier process is never taken for ours. */
    private readonly incarnation: number,
  ) {}

  get size(): number {
    return this.count;
  }

  add(query: Q, nowMs: number, timeoutMs = this.defaultTimeoutMs): Promise<QR> {
    if (this.count >= this.maxPending) return Promise.reject(new OverloadedError('reads', this.maxPending));
    return new Promise<QR>((resolve, reject) => {
      this.count++;
      this.queue.push({ query, deadlineMs: nowMs + timeoutMs, timeoutMs, resolve, reject, done: false });
    });
  }

  hasQueued(): boolean {
    return this.queue.some((r) => !r.done);
  }

  takeQueuedBatch(): { context: Uint8Array } {
    const context = new Uint8Array(12);
    const view = new DataView(context.buffer);
    view.setUint32(0, this.incarnation);
    view.setFloat64(4, ++this.seq);
    this.batches.set(contextKey(context), { context, reads: this.queue.filter((r) => !r.done), index: undefined });
    this.queue = [];
    return { context };
  }

  requeue(context: Uint8Array): void {
    const b = this.batches.get(contextKey(context));
    if (!b) return;
    this.batches.delete(contextKey(context));
    this.queue.unshift(...b.reads);
  }

  requeueUnanswered(): void {
    for (const b of [...this.batches.values()]) if (b.index === undefined) this.requeue(b.context);
  }

  failBatch(context: Uint8Array, err: Error): void {
    const b = this.batches.get(contextKey(context));
    if (!b) return;
    this.batches.delete(contextKey(context));
    for (const r of b.reads) this.finish(r, err);
  }

  indexKnown(context: Uint8Array, index: number): void {
    const b = this.batches.get(contextKey(context));
    if (b && b.index === undefined) b.index = index;
  }

  serve(applied: number, query: (q: Q) => QR): void {
    for (const [key, b] of this.batches) {
      if (b.index === undefined || b.index > applied) continue;
      this.batches.delete(key);
      for (const r of b.reads) {
        if (r.done) continue;
        try {
          this.finish(r, undefined, query(r.query));
        } catch (e) {
          this.finish(r, e instanceof Error ? e : new Error(String(e)));
        }
      }
    }
  }

  expire(nowMs: number): void {
    const check = (r: PendingRead<Q, QR>) => {
      if (!r.done && r.deadlineMs <= nowMs) this.finish(r, new TimeoutError('linearizable read', r.timeoutMs));
    };
    this.queue.forEach(check);
    for (const [key, b] of this.batches) {
      b.reads.forEach(check);
      if (b.reads.every((r) => r.done)) this.batches.delete(key);
    }
  }

  failAll(err: Error): void {
    this.queue.forEach((r) => this.finish(r, err));
    for (const b of this.batches.values()) b.reads.forEach((r) => this.finish(r, err));
    this.queue = [];
    this.batches.clear();
  }

  private finish(r: PendingRead<Q, QR>, err: Error | undefined, result?: QR): void {
    if (r.done) return;
    r.done = true;
    this.count--;
    if (err) r.reject(err);
    else r.resolve(result as QR);
  }
}
