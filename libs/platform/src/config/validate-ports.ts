import { replicaHttpEndpoint, TopologySpec } from './topology';

interface Claim {
  host: string;
  port: number;
  /** The key that asks for this port, as a person reads it: `processes.main.http.port (replica 2)`. */
  key: string;
}

/** Every address some process binds: each HTTP replica's port (ADR 0030) and each TCP listener. */
function claimsOf(spec: TopologySpec): Claim[] {
  return Object.entries(spec.processes).flatMap(([name, process]) => {
    const replicas = process.replicas ?? 1;
    const http = process.http
      ? Array.from({ length: replicas }, (_, index) => ({
          ...replicaHttpEndpoint(process.http!, index + 1),
          key: `processes.${name}.http.port${replicas > 1 ? ` (replica ${index + 1} of ${replicas}: port + ${index})` : ''}`,
        }))
      : [];
    const listen = process.listen ? [{ host: process.listen.host, port: process.listen.port, key: `processes.${name}.listen.port` }] : [];
    return [...http, ...listen];
  });
}

/** No two processes (nor two replicas) of one host bind the same port: the second would fail at start. */
export function checkPortsDistinct(spec: TopologySpec, problems: string[]): void {
  const seen = new Map<string, Claim>();
  for (const claim of claimsOf(spec)) {
    const address = `${claim.host}:${claim.port}`;
    const first = seen.get(address);
    if (first) problems.push(`${claim.key} and ${first.key} both bind ${address}: give one of them another port`);
    else seen.set(address, claim);
  }
}
