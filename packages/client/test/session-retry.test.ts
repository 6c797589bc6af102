import t from 'tap';
import { ApplyError, OutcomeUnknownError } from '@raftbus/core';
import type { ClientErrorCode, ClientOutcome } from '@raftbus/wire';
import { RequestRejectedError } from '../src/errors.js';
import { backoffMs, decide, decideLost, type RetryPolicy } from '../src/retry.js';
import { SessionWindow } from '../src/session.js';

const policy: RetryPolicy = { backoffMsMin: 5, backoffMsMax: 500, nodeCount: 3, random: () => 0.999 };
const fresh = { failures: 0, redirectsInARow: 0 };
const error = (code: ClientErrorCode): ClientOutcome => ({ kind: 'error', code, message: `node said ${code}` });

t.test('session window: ackedBelow is the lowest unanswered sequence, whatever order answers come in', async (t) => {
  const w = new SessionWindow(4);
  t.equal(w.ackedBelow, 1, 'nothing answered yet');
  const seqs = [w.openNext(), w.openNext(), w.openNext(), w.openNext()];
  t.same(seqs, [1, 2, 3, 4], 'sequence numbers start at 1 and increase by one');
  t.notOk(w.canOpen(), 'a fifth command would run 4 ahead of the oldest unanswered one');
  w.close(3);
  t.equal(w.ackedBelow, 1, 'an answer above a gap does not move ackedBelow');
  t.notOk(w.canOpen(), 'and does not open the window');
  w.close(1);
  t.equal(w.ackedBelow, 2, 'answering the oldest moves ackedBelow to the next unanswered');
  t.ok(w.canOpen());
  t.equal(w.openNext(), 5);
  w.close(2);
  t.equal(w.ackedBelow, 4, 'skips past every answered sequence (3 was answered earlier)');
  w.close(4);
  w.close(5);
  t.equal(w.ackedBelow, 6, 'all answered: ackedBelow is the next sequence to be used');
  t.equal(w.openCount, 0);
  w.close(5);
  t.equal(w.ackedBelow, 6, 'closing twice changes nothing');
});

t.test('session window: a given-up command fences: ackedBelow passes it, so the node refuses it later', async (t) => {
  const w = new SessionWindow(8);
  const a = w.openNext();
  const b = w.openNext();
  w.close(b);
  t.equal(w.ackedBelow, a, 'the unanswered command holds ackedBelow');
  w.close(a); // the caller got OutcomeUnknownError for a
  t.equal(w.ackedBelow, 3, 'the next command tells the node it may forget (and refuse) both');
});

t.test('retry rules: results resolve, refusals a retry would repeat are final', async (t) => {
  const result = new Uint8Array([7]);
  t.same(decide({ kind: 'result', result }, fresh, policy), { action: 'resolve', result });
  const applyFailed = decide(error('applyFailed'), fresh, policy);
  t.equal(applyFailed.action, 'reject');
  t.type(applyFailed.action === 'reject' && applyFailed.error, ApplyError, 'the state machine refused it: ApplyError');
  for (const code of ['badRequest', 'internal'] as const) {
    const d = decide(error(code), fresh, policy);
    t.ok(d.action === 'reject' && d.error instanceof RequestRejectedError && d.error.reason === code, `${code}: RequestRejectedError, not retried`);
  }
  const expired = decide(error('sessionExpired'), fresh, policy);
  t.ok(expired.action === 'reject' && expired.error instanceof OutcomeUnknownError, 'an expired session leaves the outcome unknown');
});

t.test('retry rules: everything else is retried with the same session', async (t) => {
  const redirect = decide({ kind: 'redirect', leaderId: 'n2', leaderAddress: '' }, fresh, policy);
  t.same(redirect, { action: 'retry', delayMs: 0, avoidNode: true, leaderHint: 'n2' }, 'a redirect is followed at once, to the named leader');
  const bouncing = decide({ kind: 'redirect', leaderId: 'n2', leaderAddress: '' }, { failures: 0, redirectsInARow: 3 }, policy);
  t.ok(bouncing.action === 'retry' && bouncing.delayMs > 0, 'redirects bouncing around every node back off (stale hints during an election)');
  const noLeader = decide(error('notLeader'), fresh, policy);
  t.ok(noLeader.action === 'retry' && noLeader.delayMs > 0 && noLeader.avoidNode && noLeader.leaderHint === '', 'no leader known: forget ours, pause, ask another node');
  const stopped = decide(error('stopped'), fresh, policy);
  t.ok(stopped.action === 'retry' && stopped.delayMs === 0 && stopped.avoidNode, 'a stopping node: another node at once');
  for (const code of ['outcomeUnknown', 'timeout', 'proposalDropped', 'overloaded'] as const) {
    const d = decide(error(code), fresh, policy);
    t.ok(d.action === 'retry' && d.delayMs > 0 && !d.avoidNode && d.leaderHint === undefined, `${code}: retried after a pause, same node`);
  }
  for (const cause of ['attemptTimeout', 'disconnected', 'sendFailed'] as const) {
    t.same(decideLost(cause, fresh, policy), { action: 'retry', delayMs: 0, avoidNode: true, leaderHint: undefined }, `${cause}: another node at once`);
    const again = decideLost(cause, { failures: 2, redirectsInARow: 0 }, policy);
    t.ok(again.action === 'retry' && again.delayMs > 0, `${cause} again: backs off`);
  }
});

t.test('backoff doubles from the minimum, is capped, and is jittered within [half, full] of its step', async (t) => {
  const steps = [1, 2, 3, 4, 5, 10, 100].map((f) => backoffMs(f, policy));
  t.same(steps, [5, 10, 20, 40, 80, 500, 500], 'random near 1: the full step');
  const low = { ...policy, random: () => 0 };
  t.same([1, 2, 10].map((f) => backoffMs(f, low)), [3, 5, 250], 'random 0: half the step (rounded)');
});
