import type { Message, NodeId } from '@raftbus/core';
import type { SnapshotChunk, SnapshotChunkAck } from '@raftbus/wire';

/**
 * A snapshot message travels as a stream of chunks: chunk 0 carries the message (with empty snapshot
 * data), every chunk a slice of the data. The receiver acknowledges each chunk; the sender keeps at most
 * `maxChunksInFlight` unacknowledged, so a slow receiver slows the sender instead of filling queues.
 */
export class OutboundSnapshot {
  readonly chunkCount: number;
  private nextChunk = 0;
  private ackedChunks = 0;
  private lastProgressAt: number;

  constructor(
    readonly streamId: number,
    readonly message: Message,
    private readonly chunkBytes: number,
    private readonly maxChunksInFlight: number,
    now: number,
  ) {
    const bytes = message.snapshot!.data.byteLength;
    this.chunkCount = Math.max(1, Math.ceil(bytes / chunkBytes));
    this.lastProgressAt = now;
  }

  get totalBytes(): number {
    return this.message.snapshot!.data.byteLength;
  }

  /** All chunks acknowledged. */
  get done(): boolean {
    return this.ackedChunks === this.chunkCount;
  }

  /** A chunk may be sent now (there is one left and the window has room). */
  get canSend(): boolean {
    return this.nextChunk < this.chunkCount && this.nextChunk - this.ackedChunks < this.maxChunksInFlight;
  }

  stalled(now: number, stallTimeoutMs: number): boolean {
    return now - this.lastProgressAt > stallTimeoutMs;
  }

  /** The next chunk to send; the caller checked canSend. The data is a view, not a copy. */
  takeChunk(): SnapshotChunk {
    const index = this.nextChunk++;
    const data = this.message.snapshot!.data;
    const start = index * this.chunkBytes;
    const chunk: SnapshotChunk = {
      streamId: this.streamId,
      chunkIndex: index,
      chunkCount: this.chunkCount,
      totalBytes: data.byteLength,
      data: data.subarray(start, Math.min(start + this.chunkBytes, data.byteLength)),
    };
    return index === 0 ? { ...chunk, header: this.message } : chunk;
  }

  /** Records an ack; returns false when it does not belong to this stream's sent chunks. */
  acknowledge(ack: SnapshotChunkAck, now: number): boolean {
    if (ack.streamId !== this.streamId || ack.chunkIndex >= this.nextChunk) return false;
    if (ack.chunkIndex + 1 > this.ackedChunks) {
      this.ackedChunks = ack.chunkIndex + 1;
      this.lastProgressAt = now;
    }
    return true;
  }
}

interface InboundStream {
  readonly streamId: number;
  readonly header: Message;
  readonly chunkCount: number;
  readonly data: Uint8Array;
  receivedBytes: number;
  nextChunk: number;
  lastProgressAt: number;
}

export type ChunkOutcome =
  /** Accepted; acknowledge `chunkIndex`; `message` is set when the snapshot is complete. */
  | { readonly kind: 'accepted'; readonly message?: Message }
  /** Refused; tell the sender to abort the stream (`reason` is for the log). */
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * Reassembles inbound snapshot streams: at most one per sending peer (a new stream replaces an
 * unfinished one), each at most `maxSnapshotBytes`, chunks strictly in order.
 */
export class SnapshotAssembler {
  private readonly streams = new Map<NodeId, InboundStream>();

  constructor(
    private readonly maxSnapshotBytes: number,
    private readonly stallTimeoutMs: number,
  ) {}

  accept(from: NodeId, chunk: SnapshotChunk, now: number): ChunkOutcome {
    if (chunk.chunkIndex === 0) {
      this.streams.delete(from);
      if (chunk.totalBytes > this.maxSnapshotBytes) {
        return { kind: 'rejected', reason: `snapshot of ${chunk.totalBytes} bytes > maxSnapshotBytes ${this.maxSnapshotBytes}` };
      }
      if (chunk.header!.from !== from) return { kind: 'rejected', reason: `header from ${chunk.header!.from} on ${from}'s connection` };
      this.streams.set(from, {
        streamId: chunk.streamId,
        header: chunk.header!,
        chunkCount: chunk.chunkCount,
        data: new Uint8Array(chunk.totalBytes),
        receivedBytes: 0,
        nextChunk: 0,
        lastProgressAt: now,
      });
    }
    const stream = this.streams.get(from);
    if (!stream || stream.streamId !== chunk.streamId) return { kind: 'rejected', reason: `no open stream ${chunk.streamId}` };
    if (chunk.chunkIndex !== stream.nextChunk || chunk.chunkCount !== stream.chunkCount || chunk.totalBytes !== stream.data.byteLength) {
      this.streams.delete(from);
      return { kind: 'rejected', reason: `chunk ${chunk.chunkIndex}/${chunk.chunkCount} where ${stream.nextChunk}/${stream.chunkCount} was due` };
    }
    if (stream.receivedBytes + chunk.data.byteLength > stream.data.byteLength) {
      this.streams.delete(from);
      return { kind: 'rejected', reason: 'chunks exceed the announced total' };
    }
    stream.data.set(chunk.data, stream.receivedBytes);
    stream.receivedBytes += chunk.data.byteLength;
    stream.nextChunk++;
    stream.lastProgressAt = now;
    if (stream.nextChunk < stream.chunkCount) return { kind: 'accepted' };
    this.streams.delete(from);
    if (stream.receivedBytes !== stream.data.byteLength) return { kind: 'rejected', reason: 'fewer bytes than announced' };
    const { header } = stream;
    return { kind: 'accepted', message: { ...header, snapshot: { meta: header.snapshot!.meta, data: stream.data } } };
  }

  /** Drops streams without progress for stallTimeoutMs; returns the senders whose stream was dropped. */
  expire(now: number): NodeId[] {
    const expired: NodeId[] = [];
    for (const [from, stream] of this.streams) {
      if (now - stream.lastProgressAt > this.stallTimeoutMs) {
        this.streams.delete(from);
        expired.push(from);
      }
    }
    return expired;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  clear(): void {
    this.streams.clear();
  }
}
