import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTopology, Topology, topologyFilePath } from '@app/platform';

export const REPO_ROOT = join(__dirname, '..', '..');

/** A topology as a deployment sees it: every process at once, each with the kernel's own view. */
export interface DeploymentTopology {
  name: string;
  processNames: string[];
  /** Every process as it runs: once, or once per replica (ADR 0028, 0030), each seen from itself. */
  views: Topology[];
  viewFrom(processName: string, replica?: number): Topology;
}

/**
 * Loads a topology under config/topologies/ with the kernel's loader, so a wrong one fails here
 * with the message a process would print. The environment's `TOPOLOGY__` overrides are not
 * applied: artefacts are made from the committed file; overrides belong to the deployment.
 */
export function loadDeploymentTopology(name: string): DeploymentTopology {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new Error(`"${name}" is not a topology name: give a name under config/topologies/ (the image carries that folder), e.g. all-remote`);
  }
  const anyProcess = Object.keys(peekProcesses(name))[0];
  const spec = loadTopology({ TOPOLOGY: name, PROCESS: anyProcess }, REPO_ROOT).spec;
  const viewFrom = (processName: string, replica = 1) => new Topology(name, spec, processName, replica);
  const processNames = Object.keys(spec.processes);
  const replicas = (processName: string) => Array.from({ length: spec.processes[processName].replicas ?? 1 }, (_, index) => index + 1);
  return {
    name,
    processNames,
    views: processNames.flatMap((processName) => replicas(processName).map((replica) => viewFrom(processName, replica))),
    viewFrom,
  };
}

/** The process names, to pick one for the loader; the loader itself reports a broken file. */
function peekProcesses(name: string): Record<string, unknown> {
  try {
    const raw = JSON.parse(readFileSync(topologyFilePath(name, REPO_ROOT), 'utf8')) as { processes?: Record<string, unknown> };
    return raw.processes ?? {};
  } catch {
    return {};
  }
}
