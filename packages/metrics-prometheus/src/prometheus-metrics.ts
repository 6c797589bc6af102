import type { Metrics, NodeId, ProposalFailureReason, Role } from '@raftbus/core';
import type { ClientEndpointMetrics, ReceiveDropReason, SendFailureReason, TransportMetrics } from '@raftbus/transport-zeromq';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { APPLY_BUCKETS_SECONDS, COMMIT_BUCKETS_SECONDS, FSYNC_BUCKETS_SECONDS, ROUND_TRIP_BUCKETS_SECONDS, WRITE_ENTRIES_BUCKETS } from './buckets.js';
import { PrometheusClientEndpointMetrics } from './client-endpoint-metrics.js';
import { PeerChildren } from './peer-children.js';
import { FastHistogram } from './fast-histogram.js';

// Every known reason is exported at 0 from the start (Prometheus' advice for known label values): a
// rate() over a reason that never happened is then 0, not "no data". Records, so that a reason added to
// the union without being listed here fails to compile.
const FAILURE_REASONS: Record<ProposalFailureReason, true> = { superseded: true, timeout: true, outcome_unknown: true, dropped: true, overloaded: true, stopped: true };
const DROP_REASONS: Record<ReceiveDropReason, true> = {
  oversized: true,
  malformed: true,
  unknownType: true,
  invalidField: true,
  badEnvelope: true,
  unknownPeer: true,
  spoofedSender: true,
  misrouted: true,
  snapshotRejected: true,
  handlerError: true,
};

export interface PrometheusMetricsOptions {
  /** Where the metrics are registered. Default: a private Registry (never prom-client's global one). */
  readonly registry?: Registry;
  /** Namespace of every metric name. Default 'raftbus'. */
  readonly prefix?: string;
  /**
   * Read at scrape time for <prefix>_log_size_bytes (for example the size of the log's directory).
   * Without it the gauge reports what `setLogSizeBytes` last set (0 if never).
   */
  readonly logSizeBytes?: () => number | Promise<number>;
}

/**
 * A raftbus metrics sink on prom-client: implements core's `Metrics` (pass it to RaftNode) and the
 * transport's `TransportMetrics` (pass it to ZmqTransport). Names mirror etcd's so its dashboards and
 * alerts port by rename. Nothing here allocates per entry: the node calls it per Ready, batch or tick,
 * and the transport per frame, with label children cached per peer.
 */
export class PrometheusMetrics implements Metrics, TransportMetrics {
  readonly registry: Registry;
  private readonly hasLeader: Gauge;
  private readonly isLeader: Gauge;
  private readonly leaderChanges: Counter;
  private readonly committed: Counter;
  private readonly appliedTotal: Counter;
  private readonly failed: Counter<'reason'>;
  private readonly commitSeconds: Histogram;
  private readonly applySeconds: Histogram;
  private readonly fsyncSeconds: Histogram;
  private readonly writeEntries: Histogram;
  private readonly writtenBytes: Counter;
  private readonly logSize: Gauge;
  private readonly snapshots: Counter;
  private readonly snapshotsInstalled: Counter;
  private readonly framesDropped: Counter<'reason'>;
  private readonly sendFailures: Counter<'peer' | 'reason'>;
  private readonly handshakeFailures: Counter<'direction'>;
  private readonly snapshotTransfers: Counter<'direction'>;
  private readonly peers: PeerChildren;
  private lastLeader: NodeId = '';
  private readonly prefix: string;
  private clientEndpointMetrics: PrometheusClientEndpointMetrics | undefined;
  /**
   * Gauges reported per proposal or per Ready hold their latest value here and are read at scrape time:
   * prom-client's Gauge.set allocates on every call, which on a leader at 23k commits/s was 3 % of all
   * the bytes it allocated (a sampling heap profile), and the young-generation collections that
   * allocation drives are what its tail latency is made of.
   */
  private readonly now = { pending: 0, commit: 0, applied: 0, term: 0 };
  /** Commit index at the previous report; -1 until the first, which only sets the baseline. */
  private lastCommit = -1;
  private logSizeSet = 0;

  constructor(options: PrometheusMetricsOptions = {}) {
    const registry = (this.registry = options.registry ?? new Registry());
    const p = (this.prefix = options.prefix ?? 'raftbus');
    const registers = [registry];
    const gauge = (name: string, help: string) => new Gauge({ name: `${p}_${name}`, help, registers });
    const counter = (name: string, help: string) => new Counter({ name: `${p}_${name}`, help, registers });
    // Label-less, and one of them is observed for every proposal: the fast kind (fast-histogram.ts).
    const histogram = (name: string, help: string, buckets: number[]) => new FastHistogram({ name: `${p}_${name}`, help, buckets, registers });
    const now = this.now;
    const sampled = (name: string, help: string, key: keyof typeof now) =>
      new Gauge({
        name: `${p}_${name}`,
        help,
        registers,
        collect() {
          this.set(now[key]);
        },
      });

    this.hasLeader = gauge('has_leader', 'Whether this node knows a leader (1) or not (0).');
    this.isLeader = gauge('is_leader', 'Whether this node is the leader (1) or not (0).');
    this.leaderChanges = counter('leader_changes_seen_total', 'Times this node saw a new leader.');
    sampled('term', "This node's current Raft term.", 'term');
    sampled('commit_index', 'Highest log index this node knows committed.', 'commit');
    sampled('applied_index', 'Highest log index applied to the state machine.', 'applied');
    this.committed = counter('proposals_committed_total', 'Log entries this node saw committed (commit index advances since start).');
    this.appliedTotal = counter('proposals_applied_total', 'Log entries applied to the state machine since start.');
    sampled('proposals_pending', 'Proposals made on this node and not yet answered.', 'pending');
    this.failed = new Counter({ name: `${p}_proposals_failed_total`, help: 'Proposals made on this node that failed, by reason.', labelNames: ['reason'], registers });
    this.commitSeconds = histogram('commit_duration_seconds', 'Propose → apply latency of proposals made on this node.', COMMIT_BUCKETS_SECONDS);
    this.applySeconds = histogram('apply_duration_seconds', 'Time to apply one batch of committed entries.', APPLY_BUCKETS_SECONDS);
    this.fsyncSeconds = histogram('log_fsync_duration_seconds', 'Duration of one synced log write (write + fsync).', FSYNC_BUCKETS_SECONDS);
    this.writeEntries = histogram('log_write_entries', 'Entries per synced log write (the batching factor).', WRITE_ENTRIES_BUCKETS);
    this.writtenBytes = counter('log_written_bytes_total', 'Entry payload bytes written to the log.');
    const readLogSize = options.logSizeBytes;
    const self = this;
    this.logSize = new Gauge({
      name: `${p}_log_size_bytes`,
      help: "Size of this node's log on disk.",
      registers,
      async collect() {
        this.set(readLogSize ? await readLogSize() : self.logSizeSet);
      },
    });
    this.snapshots = counter('snapshots_total', 'Snapshots this node took (each compacts the log behind it).');
    this.snapshotsInstalled = counter('snapshots_installed_total', 'Snapshots received from a leader and installed.');
    this.framesDropped = new Counter({ name: `${p}_frames_dropped_total`, help: 'Inbound peer frames dropped, by reason.', labelNames: ['reason'], registers });
    this.sendFailures = new Counter({
      name: `${p}_peer_send_failures_total`,
      help: 'Messages for a peer that were not sent, by peer and reason (Raft retries them).',
      labelNames: ['peer', 'reason'],
      registers,
    });
    this.handshakeFailures = new Counter({ name: `${p}_peer_handshake_failures_total`, help: 'Failed peer handshakes, by direction.', labelNames: ['direction'], registers });
    this.snapshotTransfers = new Counter({ name: `${p}_snapshot_transfers_total`, help: 'Whole snapshots streamed to or from peers, by direction.', labelNames: ['direction'], registers });
    this.peers = new PeerChildren(p, registers, ROUND_TRIP_BUCKETS_SECONDS);
    for (const reason of Object.keys(FAILURE_REASONS)) this.failed.labels(reason).inc(0);
    for (const reason of Object.keys(DROP_REASONS)) this.framesDropped.labels(reason).inc(0);
  }

  /**
   * The client endpoint's metrics (`<prefix>_client_*`) on the same registry: pass them to ClientEndpoint
   * as `metrics`. Created on the first call; later calls return the same sink.
   */
  clientEndpoint(): ClientEndpointMetrics {
    return (this.clientEndpointMetrics ??= new PrometheusClientEndpointMetrics(this.registry, this.prefix));
  }

  /** For stores that push their size instead of being read at scrape time. */
  setLogSizeBytes(bytes: number): void {
    this.logSizeSet = bytes;
  }

  // ── Metrics (the node) ─────────────────────────────────────────────────────────────────────────

  roleChanged(role: Role, leader: NodeId, term: number): void {
    this.hasLeader.set(leader === '' ? 0 : 1);
    this.isLeader.set(role === 'leader' ? 1 : 0);
    // As etcd: count each new leader seen, not the moments without one.
    if (leader !== '' && leader !== this.lastLeader) this.leaderChanges.inc();
    this.lastLeader = leader;
    this.now.term = term;
    // Only a leader tracks followers; a stale lag would read as a live one.
    if (role !== 'leader') this.peers.clearLag();
  }

  indexes(commit: number, applied: number, term: number): void {
    if (this.lastCommit >= 0 && commit > this.lastCommit) this.committed.inc(commit - this.lastCommit);
    if (commit > this.lastCommit) this.lastCommit = commit;
    this.now.commit = commit;
    this.now.applied = applied;
    this.now.term = term;
  }

  logWrite(seconds: number, entries: number, bytes: number): void {
    this.fsyncSeconds.observe(seconds);
    if (entries > 0) this.writeEntries.observe(entries);
    if (bytes > 0) this.writtenBytes.inc(bytes);
  }

  applied(entries: number, seconds: number): void {
    this.appliedTotal.inc(entries);
    this.applySeconds.observe(seconds);
  }

  proposalCommitted(seconds: number): void {
    this.commitSeconds.observe(seconds);
  }

  proposalFailed(reason: ProposalFailureReason): void {
    this.failed.labels(reason).inc();
  }

  proposalsPending(count: number): void {
    this.now.pending = count;
  }

  snapshotTaken(): void {
    this.snapshots.inc();
  }

  snapshotInstalled(): void {
    this.snapshotsInstalled.inc();
  }

  peerRoundTrip(peer: NodeId, seconds: number): void {
    this.peers.of(peer).roundTrip.observe(seconds);
  }

  followerLag(peer: NodeId, entries: number): void {
    this.peers.of(peer).lag.set(entries);
  }

  // ── TransportMetrics (the ZeroMQ transport) ────────────────────────────────────────────────────

  frameSent(peer: NodeId, messages: number, bytes: number): void {
    const t = this.peers.of(peer).traffic;
    t.sentBytes += bytes;
    t.sentMessages += messages;
  }

  frameReceived(peer: NodeId, messages: number, bytes: number): void {
    const t = this.peers.of(peer).traffic;
    t.receivedBytes += bytes;
    t.receivedMessages += messages;
  }

  sendFailed(peer: NodeId, reason: SendFailureReason, messages: number): void {
    this.sendFailures.labels(peer, reason).inc(messages);
  }

  receiveDropped(_peer: NodeId | undefined, reason: ReceiveDropReason): void {
    // By reason only: an unknown sender's routing id is attacker-chosen (unbounded label values).
    this.framesDropped.labels(reason).inc();
  }

  peerConnected(peer: NodeId): void {
    this.peers.of(peer).connected.set(1);
  }

  peerDisconnected(peer: NodeId): void {
    this.peers.of(peer).connected.set(0);
  }

  handshakeFailed(_peer: NodeId | undefined, direction: 'inbound' | 'outbound'): void {
    this.handshakeFailures.labels(direction).inc();
  }

  snapshotTransferred(_peer: NodeId, direction: 'sent' | 'received'): void {
    this.snapshotTransfers.labels(direction).inc();
  }
}
