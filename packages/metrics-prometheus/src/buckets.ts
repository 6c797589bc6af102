import { exponentialBuckets } from 'prom-client';

// Bucket layouts chosen for the quantity each histogram measures (all in seconds). On this machine
// class a loopback round trip is ≈ 0.16 ms and an fdatasync ≈ 0.15–0.2 ms, so the fast ones start at
// 0.1 ms; the top buckets sit past the alert thresholds (0.15 s RTT, 0.5 s fsync) with room to spare.

/** Heartbeat round trip to a peer: 0.1 ms … 3.3 s (as etcd's peer RTT). */
export const ROUND_TRIP_BUCKETS_SECONDS = exponentialBuckets(0.0001, 2, 16);
/** One synced log write: 0.1 ms … 3.3 s. */
export const FSYNC_BUCKETS_SECONDS = exponentialBuckets(0.0001, 2, 16);
/** Propose → apply of one command (a round trip plus an fsync at best; seconds at a leader change): 0.1 ms … 13 s. */
export const COMMIT_BUCKETS_SECONDS = exponentialBuckets(0.0001, 2, 18);
/** Applying one batch of committed entries to the state machine (microseconds for small commands): 10 µs … 5 s. */
export const APPLY_BUCKETS_SECONDS = exponentialBuckets(0.00001, 2, 20);
/** Entries in one synced log write (the batching factor): 1 … 16384. */
export const WRITE_ENTRIES_BUCKETS = exponentialBuckets(1, 2, 15);
