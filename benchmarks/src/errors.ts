import { RaftError } from '@raftbus/core';

/** A bad command-line option or a value outside what the harness can measure; `field` names it. */
export class BenchConfigError extends RaftError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super('BENCH_CONFIG', `${field}: ${detail}`);
  }
}

/** The cluster under test did not come up, or a node did not answer its status (the log tail is in `detail`). */
export class ClusterStartError extends RaftError {
  constructor(readonly detail: string) {
    super('BENCH_CLUSTER', `cluster did not start: ${detail}`);
  }
}

/** The load-driver child process failed or broke the JSON-lines protocol. */
export class DriverError extends RaftError {
  constructor(detail: string) {
    super('BENCH_DRIVER', `load driver: ${detail}`);
  }
}

/** A floor measurement (ZeroMQ echo, fdatasync) could not run. */
export class FloorError extends RaftError {
  constructor(detail: string) {
    super('BENCH_FLOOR', `floor: ${detail}`);
  }
}

/** The etcd comparison failed part-way (the bench reports it and carries on without etcd). */
export class EtcdRunError extends RaftError {
  constructor(detail: string) {
    super('BENCH_ETCD', `etcd: ${detail}`);
  }
}
