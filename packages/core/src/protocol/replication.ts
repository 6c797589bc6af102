import { assert } from '../errors.js';
import { ProgressState, type Progress } from './progress.js';
import type { RaftCore } from './raft.js';
import { ProgressTracker } from './progress.js';
import { MessageType, type Message, type NodeId } from './types.js';

/**
 * Heartbeat responses that may pass while a follower in the replicate state makes no progress before
 * we assume an append was lost and fall back to probing. Appends in flight normally land well within
 * one heartbeat interval, so two silent rounds mean loss, not latency.
 */
const REPLICATE_STALL_HEARTBEATS = 2;

/** Stall rounds, in election timeouts, before a snapshot that was never acknowledged is sent again. */
const SNAPSHOT_STALL_ELECTION_TIMEOUTS = 3;

/**
 * Send `to` the entries it needs (or a snapshot when they are compacted away), unless flow control
 * pauses it. An empty append is sent only when `sendIfEmpty` (to probe, or to carry the commit index).
 */
export function sendAppend(r: RaftCore, to: NodeId, sendIfEmpty: boolean): boolean {
  const pr = r.tracker.progress.get(to);
  if (!pr || to === r.id || pr.isPaused()) return false;
  const prevIndex = pr.next - 1;
  const prevTerm = r.log.term(prevIndex);
  const entries =
    prevTerm === undefined ? undefined : r.log.slice(pr.next, r.log.lastIndex() + 1, r.cfg.maxMessageBytes, r.cfg.maxMessageEntries);
  if (prevTerm === undefined || entries === undefined) return sendSnapshot(r, to, pr);
  if (entries.length === 0 && !sendIfEmpty) return false;
  r.send({ type: MessageType.Append, to, index: prevIndex, logTerm: prevTerm, entries, commit: r.log.committed });
  pr.sentEntries(entries.length, prevIndex + entries.length);
  return true;
}

function sendSnapshot(r: RaftCore, to: NodeId, pr: Progress): boolean {
  const snapshot = r.snapshot;
  assert(snapshot !== undefined, 'snapshot-available-when-compacted', () => `follower ${to} needs index ${pr.next}, first held is ${r.log.firstIndex()}`);
  r.send({ type: MessageType.Snapshot, to, snapshot });
  pr.becomeSnapshot(snapshot.meta.index);
  return true;
}

export function bcastAppend(r: RaftCore, sendIfEmpty: boolean): void {
  for (const id of r.tracker.progress.keys()) if (id !== r.id) sendAppend(r, id, sendIfEmpty);
}

/**
 * The commit index moved: send every follower the entries it lacks (they carry the new commit index),
 * and an empty append only to followers that forwarded proposals now committed — they answer callers
 * when they apply. Other followers learn the commit with the next append or heartbeat (at most one
 * heartbeat interval later), as hashicorp/raft does (its CommitTimeout); etcd-io/raft sends the empty
 * append to every follower. On a sequential workload that empty append, its answer and the follower's
 * extra turn were about a third of all messages, none on the client's path.
 */
export function bcastCommit(r: RaftCore): void {
  const committed = r.log.committed;
  for (const id of r.tracker.progress.keys()) {
    if (id === r.id) continue;
    const waitingFor = r.commitWaiters.get(id);
    const sent = sendAppend(r, id, waitingFor !== undefined && waitingFor <= committed);
    if (sent && waitingFor !== undefined && waitingFor <= committed) r.commitWaiters.delete(id);
  }
}

export function bcastHeartbeat(r: RaftCore): void {
  const round = r.readOnly.currentRound;
  for (const [id, pr] of r.tracker.progress) {
    if (id === r.id) continue;
    // Never tell a follower to commit beyond what we know matches our log on it.
    r.send({ type: MessageType.Heartbeat, to: id, commit: Math.min(pr.match, r.log.committed), index: round });
  }
}

/** Follower side of AppendEntries (§5.3): the consistency check, then append and commit. */
export function handleAppend(r: RaftCore, m: Message): void {
  const log = r.log;
  if (m.index < log.committed) {
    // Everything up to our commit index is settled; tell the leader so it skips ahead.
    r.send({ type: MessageType.AppendResponse, to: m.from, index: log.committed });
    return;
  }
  if (log.matchTerm(m.index, m.logTerm)) {
    const lastNew = log.appendFromLeader(m.index, m.entries);
    log.commitTo(Math.min(m.commit, lastNew));
    r.send({ type: MessageType.AppendResponse, to: m.from, index: lastNew });
    return;
  }
  // Fast backtracking: point the leader at the last index where our log could match, so that it
  // skips a whole conflicting term per round trip instead of one entry.
  const hintIndex = log.findConflictByTerm(Math.min(m.index, log.lastIndex()), m.logTerm);
  const hintTerm = log.term(hintIndex) ?? 0;
  r.send({ type: MessageType.AppendResponse, to: m.from, index: m.index, reject: true, rejectHint: hintIndex, logTerm: hintTerm });
}

export function handleHeartbeat(r: RaftCore, m: Message): void {
  r.log.commitTo(Math.min(m.commit, r.log.lastIndex()));
  r.send({ type: MessageType.HeartbeatResponse, to: m.from, index: m.index });
}

/** Follower side of InstallSnapshot. */
export function handleSnapshot(r: RaftCore, m: Message): void {
  const snapshot = m.snapshot!;
  const { index, term } = snapshot.meta;
  if (index <= r.log.committed) {
    r.send({ type: MessageType.AppendResponse, to: m.from, index: r.log.committed });
    return;
  }
  if (r.log.matchTerm(index, term)) {
    // We already hold the snapshot's last entry, so by Log Matching everything before it: just commit.
    r.log.commitTo(index);
    r.send({ type: MessageType.AppendResponse, to: m.from, index: r.log.committed });
    return;
  }
  r.log.restore(snapshot);
  r.confState = snapshot.meta.confState;
  r.tracker = new ProgressTracker(r.confState, r.cfg.maxInflightMessages);
  r.send({ type: MessageType.AppendResponse, to: m.from, index: r.log.lastIndex() });
}

export function handleAppendResponse(r: RaftCore, m: Message): void {
  const pr = r.tracker.progress.get(m.from);
  if (!pr) return;
  pr.recentActive = true;
  if (m.reject) {
    let hint = m.rejectHint;
    // Skip the follower's whole conflicting term: the last index where our term is ≤ theirs.
    if (m.logTerm > 0) hint = r.log.findConflictByTerm(m.rejectHint, m.logTerm);
    if (pr.maybeDecrTo(m.index, hint)) {
      if (pr.state === ProgressState.Replicate) pr.becomeProbe();
      sendAppend(r, m.from, true);
    }
    return;
  }
  const wasPaused = pr.isPaused();
  const advanced = pr.maybeUpdate(m.index);
  // A probe answered at our known match also proves where the logs agree.
  const probeConfirmed = pr.state === ProgressState.Probe && m.index === pr.match;
  if (!advanced && !probeConfirmed) return;
  pr.stalledHeartbeats = 0;
  if (pr.state === ProgressState.Probe) {
    pr.becomeReplicate();
  } else if (pr.state === ProgressState.Snapshot && pr.match >= pr.pendingSnapshot) {
    pr.becomeProbe();
    pr.becomeReplicate();
  } else if (pr.state === ProgressState.Replicate) {
    pr.inflights.freeLE(m.index);
  }
  if (r.maybeCommit()) {
    bcastCommit(r);
  } else if (wasPaused) {
    sendAppend(r, m.from, false);
  }
  // Fill the window: stream the backlog to a follower that just proved it keeps up.
  for (let sent = 0; sent < r.cfg.maxInflightMessages && sendAppend(r, m.from, false); sent++);
  if (m.from === r.leadTransferee && pr.match === r.log.lastIndex()) {
    r.send({ type: MessageType.TimeoutNow, to: m.from });
  }
}

export function handleHeartbeatResponse(r: RaftCore, m: Message): void {
  const pr = r.tracker.progress.get(m.from);
  if (!pr) return;
  pr.recentActive = true;
  pr.probeSent = false;
  if (pr.match < r.log.lastIndex()) {
    const stalls = ++pr.stalledHeartbeats;
    const snapshotStallLimit = SNAPSHOT_STALL_ELECTION_TIMEOUTS * Math.ceil(r.cfg.electionTicks / r.cfg.heartbeatTicks);
    if (
      (pr.state === ProgressState.Replicate && stalls > REPLICATE_STALL_HEARTBEATS) ||
      (pr.state === ProgressState.Snapshot && stalls > snapshotStallLimit)
    ) {
      // Lost appends (or a lost snapshot): find the follower's position again.
      pr.becomeProbe();
    }
    sendAppend(r, m.from, pr.state === ProgressState.Probe);
  }
  if (m.index > 0) {
    for (const read of r.readOnly.ack(m.from, m.index, r.id, r.tracker.config)) r.deliverRead(read.from, read.index, read.context);
  }
}
