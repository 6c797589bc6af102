import { SequenceMap } from '@raftbus/core';

/**
 * The client half of an exactly-once session (see @raftbus/core sessions): sequence numbers for
 * commands, and `ackedBelow`, the lowest sequence number whose answer the client does not have yet.
 * Every command carries it, so the nodes may forget the answers below it.
 *
 * The window bounds how far a new command may run ahead of the oldest unanswered one. The nodes keep
 * at most `maxResponsesPerSession` (4096 by default) answers per client and drop the oldest beyond it,
 * after which a retry of that oldest command would be refused as already acknowledged; a window below
 * that bound keeps every retry answerable.
 */
export class SessionWindow {
  private nextSeq = 1;
  private lowestOpen = 1;
  /** Open sequence numbers: a window that slides with every command (a Set would churn its table). */
  private readonly open = new SequenceMap<true>();

  constructor(readonly windowMax: number) {}

  /** Every command below this has its final answer (or was given up on). */
  get ackedBelow(): number {
    return this.lowestOpen;
  }

  /** Commands opened and not yet closed. */
  get openCount(): number {
    return this.open.size;
  }

  /** Whether a new command fits in the window. */
  canOpen(): boolean {
    return this.nextSeq - this.lowestOpen < this.windowMax;
  }

  /** The sequence number of a new command. Call canOpen() first. */
  openNext(): number {
    const seq = this.nextSeq++;
    this.open.set(seq, true);
    return seq;
  }

  /**
   * The command `seq` is finished: answered, or given up on (then its outcome stays unknown to the
   * caller, and raising ackedBelow past it fences it: if it has not applied before the next command
   * carrying the higher ackedBelow, it never will).
   */
  close(seq: number): void {
    if (!this.open.delete(seq)) return;
    while (this.lowestOpen < this.nextSeq && !this.open.has(this.lowestOpen)) this.lowestOpen++;
  }
}
