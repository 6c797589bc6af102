import { RaftError, type NodeId } from '@raftbus/core';

/** Where in a simulation something went wrong: enough to replay it and to know where to look. */
export interface ViolationSite {
  readonly seed: number;
  readonly tick: number;
  readonly nodes: readonly NodeId[];
}

/**
 * A simulation found the system misbehaving. `property` is a stable name ('election-safety',
 * 'log-matching', …) so tests and tooling can tell violations apart without parsing the message.
 */
export class SimulationViolation extends RaftError {
  readonly seed: number;
  readonly tick: number;
  readonly nodes: readonly NodeId[];

  constructor(
    code: string,
    readonly property: string,
    site: ViolationSite,
    readonly detail: string,
  ) {
    super(code, `${property} violated (seed ${site.seed}, tick ${site.tick}, nodes ${site.nodes.join(',') || '-'}): ${detail}`);
    this.seed = site.seed;
    this.tick = site.tick;
    this.nodes = site.nodes;
  }
}

/** Something bad happened: two leaders in a term, a committed entry lost, divergent applies, … */
export class SafetyViolation extends SimulationViolation {
  constructor(property: string, site: ViolationSite, detail: string) {
    super('SAFETY_VIOLATION', property, site, detail);
  }
}

/** Something good failed to happen within its tick bound: no leader elected, a proposal never committed. */
export class LivenessViolation extends SimulationViolation {
  constructor(property: string, site: ViolationSite, detail: string) {
    super('LIVENESS_VIOLATION', property, site, detail);
  }
}

/** A scenario asked the simulator for something impossible (unknown node, bad option). */
export class SimulationUsageError extends RaftError {
  constructor(detail: string) {
    super('SIM_USAGE', detail);
  }
}
