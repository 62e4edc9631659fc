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

/**
 * `<module>-remote.json`, like `auth-remote.json`: the module alone in a process of its own on
 * its all-remote port, everything else in `main`, which listens on TCP for what it sends back.
 */
export function remoteTopology(monolith: TopologyFile, allRemote: TopologyFile, module: string): object {
  const listen = allRemote.processes[module]?.listen;
  const mainHttp = monolith.processes.main?.http;
  if (!listen || !mainHttp)
    throw new Error(`${module}-remote.json: expected all-remote.json to give ${module} a TCP listener and monolith.json a main with http`);
  return {
    $comment: `${module} runs in its own process (PROCESS=${module}); the rest stays in main.`,
    processes: { main: { http: mainHttp, listen: { transport: 'tcp', host: listen.host, port: 4000 } }, [module]: { listen } },
    modules: Object.fromEntries(Object.keys(monolith.modules).map((name) => [name, { process: name === module ? module : 'main' }])),
  };
}
