export { simulate, simulateSeed, DEFAULT_FAULTS, type SimulateOptions, type SimulateReport, type SeedReport, type FaultPlan, type FaultCounts } from './simulate.js';
export { kvWorkload, simKvStateMachine, type Workload, type WorkloadOperation, type SimKvCommand, type SimKvQuery, type SimKvResult } from './workload.js';
export { VirtualScheduler } from './scheduler.js';
export { VirtualNetwork, CALM_NETWORK, type NetworkFaults } from './network.js';
