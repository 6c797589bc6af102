import type { Message, MessageHandler, NodeId, Transport } from '@raftbus/core';
import type { Random } from '../sim/random.js';
import type { VirtualScheduler } from './scheduler.js';

/** Per-message fault probabilities and delay range of the simulated network. */
export interface NetworkFaults {
  readonly dropProbability: number;
  readonly duplicateProbability: number;
  readonly delayMsMin: number;
  readonly delayMsMax: number;
}

export const CALM_NETWORK: NetworkFaults = { dropProbability: 0, duplicateProbability: 0, delayMsMin: 0, delayMsMax: 1 };

export interface NodeNetworkCounters {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  blocked: number;
}

/**
 * The network of a whole-node simulation: every message gets a random delay (so messages reorder), may
 * be dropped or duplicated, and is blocked by partitions (a set of cut directed links).
 */
export class VirtualNetwork {
  faults: NetworkFaults = CALM_NETWORK;
  readonly counters: NodeNetworkCounters = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, blocked: 0 };
  private readonly handlers = new Map<NodeId, MessageHandler>();
  private readonly cut = new Set<string>();

  constructor(
    private readonly scheduler: VirtualScheduler,
    private readonly random: Random,
  ) {}

  transport(): Transport {
    let self: NodeId | undefined;
    return {
      start: async (id, onMessage) => {
        self = id;
        this.handlers.set(id, onMessage);
      },
      send: (messages) => {
        if (self === undefined || this.handlers.get(self) === undefined) return;
        for (const m of messages) this.route(m);
      },
      stop: async () => {
        if (self !== undefined) this.handlers.delete(self);
        self = undefined;
      },
    };
  }

  /** Cut both directions between every node of `a` and every node of `b`. */
  partition(a: readonly NodeId[], b: readonly NodeId[]): void {
    for (const x of a) for (const y of b) this.cut.add(`${x}>${y}`).add(`${y}>${x}`);
  }

  cutOneWay(from: NodeId, to: NodeId): void {
    this.cut.add(`${from}>${to}`);
  }

  heal(): void {
    this.cut.clear();
  }

  private route(m: Message): void {
    this.counters.sent++;
    if (this.cut.has(`${m.from}>${m.to}`)) {
      this.counters.blocked++;
      return;
    }
    if (this.random.chance(this.faults.dropProbability)) {
      this.counters.dropped++;
      return;
    }
    const copies = this.random.chance(this.faults.duplicateProbability) ? 2 : 1;
    if (copies === 2) this.counters.duplicated++;
    for (let k = 0; k < copies; k++) {
      this.scheduler.at(this.random.between(this.faults.delayMsMin, this.faults.delayMsMax), () => {
        // Checked at delivery: a partition or a crash that happened in flight stops the message.
        if (this.cut.has(`${m.from}>${m.to}`)) {
          this.counters.blocked++;
          return;
        }
        const handler = this.handlers.get(m.to);
        if (!handler) return;
        this.counters.delivered++;
        handler(m);
      });
    }
  }
}
