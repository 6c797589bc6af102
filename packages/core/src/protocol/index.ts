export * from './types.js';
export { RaftCore } from './raft.js';
export type { ProposeResult, RaftStatus, FollowerStatus } from './raft.js';
export { RaftLog } from './log.js';
export { MajorityConfig, JointConfig, VoteResult } from './quorum.js';
export { Progress, ProgressState, ProgressTracker, Inflights } from './progress.js';
export { ReadOnly } from './read-index.js';
export { isWellFormed } from './message-check.js';
