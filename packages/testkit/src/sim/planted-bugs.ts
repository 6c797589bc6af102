import { NO_NODE, RaftCore, type HardState } from '@raftbus/core';
import { SimDisk, type DiskFactory } from './disk.js';
import type { CoreFactory } from './node.js';

/**
 * Deliberately broken variants of the core and the disk, built by overriding the core's planted-bug
 * hooks or the disk's protected writers, so that tests can prove the simulator notices each bug.
 * Nothing here touches the production core.
 */

/** Figure 8: commits an entry of an earlier term by counting replicas. */
export class OldTermCommitCore extends RaftCore {
  protected override isCommittable(_index: number): boolean {
    return true;
  }
}

/** §5.4.1 dropped: grants votes (and pre-votes) to candidates whose log is behind. */
export class VoteWithoutLogCheckCore extends RaftCore {
  protected override isLogUpToDate(_lastTerm: number, _lastIndex: number): boolean {
    return true;
  }
}

/** Persists the term but forgets the vote, so a restarted node can vote twice in one term. */
export class ForgetfulVoteDisk extends SimDisk {
  protected override saveHardState(hardState: HardState): void {
    super.saveHardState({ ...hardState, vote: NO_NODE });
  }
}

export interface PlantedBug {
  readonly description: string;
  readonly coreFactory?: CoreFactory;
  readonly diskFactory?: DiskFactory;
}

export const PLANTED_BUGS = {
  'old-term-commit': {
    description: 'a leader commits an entry of an earlier term by counting replicas (Figure 8)',
    coreFactory: (options, initial) => new OldTermCommitCore(options, initial),
  },
  'vote-without-log-check': {
    description: 'votes are granted without the up-to-date log check (§5.4.1)',
    coreFactory: (options, initial) => new VoteWithoutLogCheckCore(options, initial),
  },
  'forget-vote': {
    description: 'the vote is not persisted before the vote is sent',
    diskFactory: () => new ForgetfulVoteDisk(),
  },
} as const satisfies Record<string, PlantedBug>;

export type PlantedBugName = keyof typeof PLANTED_BUGS;
