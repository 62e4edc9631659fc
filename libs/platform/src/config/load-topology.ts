import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from './configuration.error';
import { readReplica } from './read-replica';
import { Topology } from './topology';
import { validateTopology } from './validate-topology';

const OVERRIDE_PREFIX = 'TOPOLOGY__';

/** `TOPOLOGY=auth-remote` reads config/topologies/auth-remote.json; a path is read as is. */
export function topologyFilePath(topology: string, cwd = process.cwd()): string {
  const looksLikePath = topology.endsWith('.json') || topology.includes('/');
  if (looksLikePath) return isAbsolute(topology) ? topology : resolve(cwd, topology);
  return resolve(cwd, 'config', 'topologies', `${topology}.json`);
}

function readJson(path: string): unknown {
  if (!existsSync(path)) {
    throw new ConfigurationError('TOPOLOGY', [`no topology file at ${path}: set TOPOLOGY to a name under config/topologies/ or a path`]);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
}

/**
 * `TOPOLOGY__processes__audit__listen__port=5101` sets that one key (numbers stay numbers); a key
 * that holds a list takes a comma-separated one (`TOPOLOGY__buses__main__servers=nats://a:4222,nats://b:4222`).
 */
export function applyEnvOverrides(raw: unknown, env: NodeJS.ProcessEnv): unknown {
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(OVERRIDE_PREFIX) || value === undefined) continue;
    const path = key.slice(OVERRIDE_PREFIX.length).split('__');
    let node = raw as Record<string, unknown>;
    for (const segment of path.slice(0, -1)) {
      if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    node[last] = Array.isArray(node[last]) ? value.split(',').map((item) => item.trim()) : /^\d+$/.test(value) ? Number(value) : value;
  }
  return raw;
}

export function loadTopology(env: NodeJS.ProcessEnv, cwd = process.cwd()): Topology {
  const name = env.TOPOLOGY || 'monolith';
  const path = topologyFilePath(name, cwd);
  const spec = validateTopology(applyEnvOverrides(readJson(path), env), path);
  const processName = env.PROCESS || 'main';
  if (!spec.processes[processName]) {
    throw new ConfigurationError('PROCESS', [
      `PROCESS="${processName}" is not a process of ${path} (known: ${Object.keys(spec.processes).join(', ')})`,
    ]);
  }
  return new Topology(name, spec, processName, readReplica(env, spec, processName));
}
