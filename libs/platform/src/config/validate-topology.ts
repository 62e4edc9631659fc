import { isModuleName } from '@app/contracts';
import { ConfigurationError } from './configuration.error';
import { LISTEN_TRANSPORTS, TopologySpec } from './topology';
import { busTransportMisplaced, checkBuses, checkBusesUsed, checkProcessBus } from './validate-buses';
import { checkPortsDistinct } from './validate-ports';
import { checkReplicas, checkReplicatedHosts } from './validate-replicas';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPort = (value: unknown) => Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536;
const PROCESS_KEYS = ['http', 'listen', 'bus', 'replicas'];

function checkAddress(value: unknown, key: string, problems: string[]) {
  if (!isObject(value)) return problems.push(`${key} must be an object like { "host": "127.0.0.1", "port": 4001 }`);
  if (typeof value.host !== 'string' || value.host === '') problems.push(`${key}.host must be a host name or IP address`);
  if (!isPort(value.port)) problems.push(`${key}.port must be an integer port between 1 and 65535 (got ${JSON.stringify(value.port)})`);
}

function checkListen(name: string, listen: unknown, busNames: string[], problems: string[]) {
  const transport = isObject(listen) ? listen.transport : undefined;
  const misplaced = busTransportMisplaced(name, transport, busNames);
  if (misplaced) problems.push(misplaced);
  else if (!(LISTEN_TRANSPORTS as readonly unknown[]).includes(transport)) {
    problems.push(`processes.${name}.listen.transport must be "tcp" (got ${JSON.stringify(transport)})`);
  }
  checkAddress(listen, `processes.${name}.listen`, problems);
}

function checkProcesses(processes: unknown, busNames: string[], problems: string[]): string[] {
  if (!isObject(processes) || Object.keys(processes).length === 0) {
    problems.push('processes must be an object naming at least one process, e.g. { "main": { "http": {...} } }');
    return [];
  }
  for (const [name, spec] of Object.entries(processes)) {
    if (!isObject(spec)) {
      problems.push(`processes.${name} must be an object`);
      continue;
    }
    for (const key of Object.keys(spec)) {
      if (!PROCESS_KEYS.includes(key))
        problems.push(`processes.${name}.${key} is not a known key (use "http", "listen", "bus" or "replicas")`);
    }
    if (spec.http !== undefined) checkAddress(spec.http, `processes.${name}.http`, problems);
    if (spec.listen !== undefined) checkListen(name, spec.listen, busNames, problems);
    checkProcessBus(name, spec, busNames, problems);
    checkReplicas(name, spec, problems);
  }
  checkBusesUsed(busNames, processes as Record<string, Json>, problems);
  return Object.keys(processes);
}

function checkModules(modules: unknown, processNames: string[], problems: string[]) {
  if (!isObject(modules) || Object.keys(modules).length === 0) {
    return problems.push('modules must place at least one module, e.g. { "auth": { "process": "main" } }');
  }
  for (const [module, placement] of Object.entries(modules)) {
    if (!isModuleName(module)) {
      problems.push(`modules.${module} is not a module of Archipelago`);
      continue;
    }
    for (const key of isObject(placement) ? Object.keys(placement) : []) {
      if (key !== 'process') problems.push(`modules.${module}.${key} is not a known key (use "process")`);
    }
    const processName = isObject(placement) ? placement.process : undefined;
    if (typeof processName !== 'string' || !processNames.includes(processName)) {
      problems.push(
        `modules.${module}.process must name one of the processes (${processNames.join(', ')}); got ${JSON.stringify(processName)}`,
      );
    }
  }
}

/** Checks a parsed topology file and says exactly which key is wrong. */
export function validateTopology(raw: unknown, source: string): TopologySpec {
  const problems: string[] = [];
  if (!isObject(raw)) throw new ConfigurationError(source, ['the topology must be a JSON object']);
  for (const key of Object.keys(raw)) {
    const known = ['processes', 'modules', 'buses', '$comment'].includes(key);
    if (!known) problems.push(`${key} is not a known key (use "processes", "modules", "buses" or "$comment")`);
  }
  const busNames = checkBuses(raw.buses, problems);
  const processNames = checkProcesses(raw.processes, busNames, problems);
  checkModules(raw.modules, processNames, problems);
  if (problems.length === 0) {
    checkReachability(raw as unknown as TopologySpec, problems);
    checkReplicatedHosts(raw as unknown as TopologySpec, problems);
    checkPortsDistinct(raw as unknown as TopologySpec, problems);
  }
  if (problems.length > 0) throw new ConfigurationError(source, problems);
  return raw as unknown as TopologySpec;
}

/** In a topology of several processes, every process that hosts a module must be reachable. */
function checkReachability(spec: TopologySpec, problems: string[]) {
  const hosting = new Set(Object.values(spec.modules).map((placement) => placement.process));
  if (Object.keys(spec.processes).length === 1) return;
  for (const processName of hosting) {
    const { listen, bus } = spec.processes[processName];
    if (!listen && !bus) {
      problems.push(
        `processes.${processName}.listen (TCP) or processes.${processName}.bus is required: it hosts modules that other processes call`,
      );
    }
  }
  if (!Object.values(spec.processes).some((process) => process.http)) {
    problems.push('no process has "http": nothing would serve the gateway');
  }
}
