import type { ConfState, NodeId } from './types.js';

export const VoteResult = { Pending: 'pending', Won: 'won', Lost: 'lost' } as const;
export type VoteResult = (typeof VoteResult)[keyof typeof VoteResult];

/**
 * Majority decisions over one set of voters. An empty set agrees to everything (so that a joint
 * configuration without an outgoing half reduces to the incoming majority).
 */
export class MajorityConfig {
  constructor(readonly voters: ReadonlySet<NodeId>) {}

  /**
   * The largest index that a majority has reached, given each voter's acknowledged index (voters
   * missing from `acked` count as 0). Infinity for an empty config, so it never limits a joint config.
   */
  committedIndex(acked: (id: NodeId) => number | undefined): number {
    const n = this.voters.size;
    if (n === 0) return Infinity;
    const values: number[] = [];
    for (const id of this.voters) values.push(acked(id) ?? 0);
    values.sort((a, b) => b - a);
    return values[Math.floor(n / 2)]!;
  }

  voteResult(votes: (id: NodeId) => boolean | undefined): VoteResult {
    const n = this.voters.size;
    if (n === 0) return VoteResult.Won;
    let granted = 0;
    let missing = 0;
    for (const id of this.voters) {
      const v = votes(id);
      if (v === undefined) missing++;
      else if (v) granted++;
    }
    const quorum = Math.floor(n / 2) + 1;
    if (granted >= quorum) return VoteResult.Won;
    if (granted + missing >= quorum) return VoteResult.Pending;
    return VoteResult.Lost;
  }
}

/**
 * Joint consensus (§6): while `outgoing` is non-empty, every decision needs a majority of both halves.
 * Outside a membership change `outgoing` is empty and this is a plain majority of `incoming`.
 */
export class JointConfig {
  readonly incoming: MajorityConfig;
  readonly outgoing: MajorityConfig;

  constructor(conf: ConfState) {
    this.incoming = new MajorityConfig(new Set(conf.voters));
    this.outgoing = new MajorityConfig(new Set(conf.votersOutgoing));
  }

  isVoter(id: NodeId): boolean {
    return this.incoming.voters.has(id) || this.outgoing.voters.has(id);
  }

  /** Every voter of either half, once. */
  voterIds(): NodeId[] {
    return [...new Set([...this.incoming.voters, ...this.outgoing.voters])];
  }

  committedIndex(acked: (id: NodeId) => number | undefined): number {
    return Math.min(this.incoming.committedIndex(acked), this.outgoing.committedIndex(acked));
  }

  voteResult(votes: (id: NodeId) => boolean | undefined): VoteResult {
    const a = this.incoming.voteResult(votes);
    const b = this.outgoing.voteResult(votes);
    if (a === VoteResult.Won && b === VoteResult.Won) return VoteResult.Won;
    if (a === VoteResult.Lost || b === VoteResult.Lost) return VoteResult.Lost;
    return VoteResult.Pending;
  }
}
