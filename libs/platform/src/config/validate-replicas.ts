type Json = Record<string, unknown>;

/**
 * `processes.<name>.replicas`: how many copies of the process share its work (ADR 0028). More
 * than one only on a bus, where a queue group spreads the calls (ADR 0025): a TCP `listen`
 * address cannot be bound twice, and the HTTP gateway is not replicated.
 */
export function checkReplicas(name: string, spec: Json, problems: string[]): void {
  const key = `processes.${name}.replicas`;
  const replicas = spec.replicas;
  if (replicas === undefined) return;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 1) {
    return void problems.push(`${key} must be an integer of at least 1 (got ${JSON.stringify(replicas)})`);
  }
  if (replicas === 1) return;
  if (spec.bus === undefined) {
    problems.push(
      `${key} is ${replicas} but processes.${name} is on no bus: replicas share their calls through a bus's queue group, so set processes.${name}.bus (a TCP "listen" address cannot be shared by two processes)`,
    );
  }
  if (spec.http !== undefined) {
    problems.push(`${key} is ${replicas} but processes.${name} serves HTTP: the gateway runs once; move "http" to a process of its own`);
  }
}
