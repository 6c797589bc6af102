import type { RaftCore } from './raft.js';
import { VoteResult } from './quorum.js';
import { MessageType, NO_NODE, Role, type Message } from './types.js';

/**
 * How a campaign starts: `timeout` (pre-vote first when enabled), `election` (the real election, after
 * a won pre-vote), `transfer` (the leader handed over with TimeoutNow: no pre-vote, voters skip their
 * lease).
 */
export type CampaignKind = 'timeout' | 'election' | 'transfer';

/**
 * Start a campaign: with pre-vote, first ask whether a quorum would vote for us at term + 1 without
 * changing any term; then the real election.
 */
export function campaign(r: RaftCore, kind: CampaignKind): void {
  if (!r.promotable()) return;
  const pre = kind === 'timeout' && r.cfg.preVote;
  const transfer = kind === 'transfer';
  if (pre) r.becomePreCandidate();
  else r.becomeCandidate();
  const term = pre ? r.currentTerm + 1 : r.currentTerm;
  r.tracker.recordVote(r.id, true);
  if (r.tracker.voteResult() === VoteResult.Won) {
    // A single-voter cluster wins at once.
    if (pre) campaign(r, 'election');
    else r.becomeLeader();
    return;
  }
  const type = pre ? MessageType.PreVote : MessageType.Vote;
  for (const id of r.tracker.config.voterIds()) {
    if (id === r.id) continue;
    r.send({ type, to: id, term, logTerm: r.log.lastTerm(), index: r.log.lastIndex(), ...(transfer ? { transfer: true } : {}) });
  }
}

/** RequestVote / PreVote receiver (§5.2, §5.4.1). The term was already reconciled by step(). */
export function handleVoteRequest(r: RaftCore, m: Message): void {
  const pre = m.type === MessageType.PreVote;
  const responseType = pre ? MessageType.PreVoteResponse : MessageType.VoteResponse;
  const canVote =
    r.votedFor === m.from ||
    (r.votedFor === NO_NODE && r.currentLeader === NO_NODE) ||
    (pre && m.term > r.currentTerm);
  if (canVote && r.voteAllowedByLog(m.logTerm, m.index)) {
    // A granted pre-vote answers in the term the candidate would campaign in.
    r.send({ type: responseType, to: m.from, term: m.term });
    if (!pre) {
      r.electionElapsed = 0;
      r.votedFor = m.from;
    }
  } else {
    r.send({ type: responseType, to: m.from, reject: true });
  }
}

export function handleVoteResponse(r: RaftCore, m: Message): void {
  const pre = m.type === MessageType.PreVoteResponse;
  if (pre !== (r.currentRole === Role.PreCandidate)) return; // an answer to a campaign we are not running
  if (pre && !m.reject && m.term !== r.currentTerm + 1) return; // granted for another pre-campaign
  r.tracker.recordVote(m.from, !m.reject);
  const result = r.tracker.voteResult();
  if (result === VoteResult.Won) {
    if (pre) campaign(r, 'election');
    else r.becomeLeader();
  } else if (result === VoteResult.Lost) {
    r.becomeFollower(r.currentTerm, NO_NODE);
  }
}
