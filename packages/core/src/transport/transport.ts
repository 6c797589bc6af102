import type { Message, NodeId } from '../protocol/types.js';

/** Receives every protocol message addressed to this node. Must not throw. */
export type MessageHandler = (message: Message) => void;

/**
 * Delivers protocol messages between nodes. Delivery is best effort: Raft tolerates loss, duplication
 * and reordering, so `send` never blocks and never throws; a message that cannot be queued is dropped
 * and counted. Every implementation passes `transportSuite` from @raftbus/testkit.
 */
export interface Transport {
  /** Start listening; `onMessage` is called for each message that arrives for `self`. */
  start(self: NodeId, onMessage: MessageHandler): Promise<void>;
  /** Queue messages for delivery to `message.to`. */
  send(messages: readonly Message[]): void;
  /** Stop, closing every socket/handle, so the process can exit. */
  stop(): Promise<void>;
}
