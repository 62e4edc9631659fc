export interface ProcessSpec {
  http?: { host: string; port: number };
  listen?: { transport: string; host: string; port: number };
  bus?: string;
}

export interface TopologyFile {
  processes: Record<string, ProcessSpec>;
  modules: Record<string, { process: string }>;
}

/**
 * Places `module` in a topology file. Where every module already has a process of its own
 * (all-remote, nats-all-remote) it gets one too, shaped like the others: on the same bus, or
 * listening on TCP one port above the highest; everywhere else it joins `main`.
 */
export function placeInTopology(topology: TopologyFile, module: string): void {
  if (topology.modules[module]) return;
  const placements = Object.entries(topology.modules);
  const eachInItsOwn = placements.length > 0 && placements.every(([name, placement]) => placement.process === name);
  if (!eachInItsOwn) {
    if (!topology.processes.main) throw new Error(`${module}: the topology has no process "main" to place it in`);
    topology.modules[module] = { process: 'main' };
    return;
  }
  const model = topology.processes[placements[0][0]];
  topology.processes[module] = model.bus ? { bus: model.bus } : { listen: { ...model.listen!, port: highestPort(topology) + 1 } };
  topology.modules[module] = { process: module };
}

function highestPort(topology: TopologyFile): number {
  return Math.max(...Object.values(topology.processes).map((spec) => spec.listen?.port ?? 0));
}
