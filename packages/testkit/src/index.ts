export { Random } from './sim/random.js';
export { SimulationViolation, SafetyViolation, LivenessViolation, SimulationUsageError, type ViolationSite } from './sim/errors.js';
export { SimNetwork, RELIABLE_LINK, UNRELIABLE_LINK, approximateMessageBytes, type LinkFaults, type NetworkCounters } from './sim/network.js';
export { SimDisk, EMPTY_HARD_STATE, defaultDiskFactory, type DiskWrite, type DiskFactory } from './sim/disk.js';
export { HashChainStateMachine } from './sim/state-machine.js';
export { SafetyChecker, type NodeView, type CheckerOptions, type CheckerFigures } from './sim/checker.js';
export { SimNode, defaultCoreFactory, type CoreFactory, type RaftTuning, type NodeCounters } from './sim/node.js';
export { Simulation, type SimulationOptions } from './sim/simulation.js';
export { Cluster, ScenarioFailure, encodeCommand, decodeCommand } from './sim/cluster.js';
