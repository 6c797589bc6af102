import { RaftError } from '../errors.js';
import type { Message, NodeId } from '../protocol/types.js';
import type { MessageHandler, Transport } from './transport.js';

/** A Transport used in a way its contract forbids (started twice, or under a node id already in use). */
export class TransportStateError extends RaftError {
  constructor(detail: string) {
    super('TRANSPORT_STATE', detail);
  }
}

export interface MemoryNetworkOptions {
  /**
   * Bound on messages queued for one node and not yet handed to its handler. Beyond it new messages
   * are dropped and counted, as a real network drops under load; Raft retries.
   */
  readonly maxInboxMessages?: number;
}

export const DEFAULT_MEMORY_INBOX_MESSAGES_MAX = 65_536;

/** Counters of what a MemoryNetwork did, for tests and embedded use. */
export interface MemoryNetworkStats {
  delivered: number;
  droppedUnknownDestination: number;
  droppedInboxFull: number;
  /** Queued for a node that stopped before they were handed over. */
  droppedStopped: number;
}

interface Endpoint {
  readonly handler: MessageHandler;
  inbox: Message[];
  /** setImmediate handle of the pending delivery turn; undefined when the inbox is idle. */
  turn: NodeJS.Immediate | undefined;
}

/**
 * The hub that MemoryTransports of one process attach to. Delivery is asynchronous (a later
 * event-loop turn, never inside `send`), so a handler that sends cannot re-enter its peer's handler,
 * just as over a real network. Messages between a pair of nodes arrive in the order they were sent.
 * Messages are handed over by reference: raftbus messages are immutable by contract.
 */
export class MemoryNetwork {
  readonly stats: MemoryNetworkStats = { delivered: 0, droppedUnknownDestination: 0, droppedInboxFull: 0, droppedStopped: 0 };
  private readonly endpoints = new Map<NodeId, Endpoint>();
  private readonly maxInboxMessages: number;

  constructor(options: MemoryNetworkOptions = {}) {
    this.maxInboxMessages = options.maxInboxMessages ?? DEFAULT_MEMORY_INBOX_MESSAGES_MAX;
  }

  /** Node ids currently attached. */
  nodes(): NodeId[] {
    return [...this.endpoints.keys()];
  }

  /** @internal used by MemoryTransport. */
  attach(id: NodeId, handler: MessageHandler): void {
    if (this.endpoints.has(id)) throw new TransportStateError(`node id ${id} is already attached to this MemoryNetwork`);
    this.endpoints.set(id, { handler, inbox: [], turn: undefined });
  }

  /** @internal used by MemoryTransport. Drops whatever was still queued for `id`. */
  detach(id: NodeId): void {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) return;
    if (endpoint.turn) clearImmediate(endpoint.turn);
    this.stats.droppedStopped += endpoint.inbox.length;
    this.endpoints.delete(id);
  }

  /** @internal used by MemoryTransport. */
  enqueue(message: Message): void {
    const endpoint = this.endpoints.get(message.to);
    if (!endpoint) {
      this.stats.droppedUnknownDestination++;
      return;
    }
    if (endpoint.inbox.length >= this.maxInboxMessages) {
      this.stats.droppedInboxFull++;
      return;
    }
    endpoint.inbox.push(message);
    endpoint.turn ??= setImmediate(() => this.deliver(message.to, endpoint));
  }

  private deliver(id: NodeId, endpoint: Endpoint): void {
    endpoint.turn = undefined;
    // Messages queued by the handlers below wait for the next turn: bounded work per turn.
    const batch = endpoint.inbox;
    endpoint.inbox = [];
    for (let i = 0; i < batch.length; i++) {
      if (this.endpoints.get(id) !== endpoint) {
        this.stats.droppedStopped += batch.length - i;
        return;
      }
      this.stats.delivered++;
      try {
        endpoint.handler(batch[i]!);
      } catch (err) {
        // A throwing handler breaks the Transport contract (a bug): keep the rest of the batch, then
        // let the error surface as an uncaught exception rather than hide it.
        endpoint.inbox = batch.slice(i + 1).concat(endpoint.inbox);
        if (endpoint.inbox.length > 0) endpoint.turn ??= setImmediate(() => this.deliver(id, endpoint));
        throw err;
      }
    }
  }
}

/** Transport over a MemoryNetwork: for tests, the simulator's neighbours, and single-process embedding. */
export class MemoryTransport implements Transport {
  private self: NodeId | undefined;
  private stopped = false;

  constructor(readonly network: MemoryNetwork) {}

  async start(self: NodeId, onMessage: MessageHandler): Promise<void> {
    if (this.self !== undefined || this.stopped) throw new TransportStateError('a MemoryTransport starts once; create a new one to restart');
    this.network.attach(self, onMessage);
    this.self = self;
  }

  send(messages: readonly Message[]): void {
    // Before start and after stop a node has no network: like a closed socket, drop.
    if (this.self === undefined || this.stopped) {
      this.network.stats.droppedStopped += messages.length;
      return;
    }
    for (const message of messages) this.network.enqueue(message);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.self !== undefined) this.network.detach(this.self);
  }
}
