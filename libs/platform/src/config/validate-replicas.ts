import { TopologySpec } from './topology';

type Json = Record<string, unknown>;

/**
 * `processes.<name>.replicas`: how many copies of the process share its work. More than one on a
 * bus, where a queue group spreads the calls (ADR 0028), or for the process serving HTTP, whose
 * replica n listens on `http.port + n - 1` (ADR 0030). A TCP `listen` address cannot be bound twice.
 */
export function checkReplicas(name: string, spec: Json, problems: string[]): void {
  const key = `processes.${name}.replicas`;
  const replicas = spec.replicas;
  if (replicas === undefined) return;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 1) {
    return void problems.push(`${key} must be an integer of at least 1 (got ${JSON.stringify(replicas)})`);
  }
  if (replicas === 1) return;
  if (spec.listen !== undefined || (spec.bus === undefined && spec.http === undefined)) {
    problems.push(
      `${key} is ${replicas} but processes.${name} is on no bus: replicas share their calls through a bus's queue group, so set processes.${name}.bus (a TCP "listen" address cannot be shared by two processes)`,
    );
  }
  const port = (spec.http as Json | undefined)?.port;
  if (typeof port === 'number' && port + replicas - 1 > 65535) {
    problems.push(
      `${key} is ${replicas}: its replicas listen on processes.${name}.http.port ${port} to ${port + replicas - 1}, past 65535`,
    );
  }
}

/**
 * A replicated process that hosts modules must be on a bus even when it serves HTTP: its modules'
 * calls and events are shared through the bus's queue group, never through one replica's memory.
 */
export function checkReplicatedHosts(spec: TopologySpec, problems: string[]): void {
  for (const [name, process] of Object.entries(spec.processes)) {
    if ((process.replicas ?? 1) === 1 || process.bus !== undefined || process.listen !== undefined) continue;
    const hosted = Object.entries(spec.modules).filter(([, placement]) => placement?.process === name);
    if (hosted.length === 0) continue;
    problems.push(
      `processes.${name}.replicas is ${process.replicas} and processes.${name} hosts ${hosted.map(([module]) => module).join(', ')} on no bus: ` +
        `set processes.${name}.bus so its replicas share those modules' calls, or move the modules to a process of their own`,
    );
  }
}
