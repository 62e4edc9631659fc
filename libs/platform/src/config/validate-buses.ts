import { BUS_TRANSPORTS } from './topology';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const BUS_EXAMPLE = '{ "transport": "nats", "servers": ["nats://127.0.0.1:4222"] }';
const EXAMPLE = `{ "main": ${BUS_EXAMPLE} }`;

/** `nats://host` or `nats://host:port`, nothing else (no path, no credentials in the file). */
function isServerUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    const bare = url.pathname === '' && url.search === '' && url.username === '' && url.password === '';
    return url.protocol === 'nats:' && url.hostname !== '' && bare;
  } catch {
    return false;
  }
}

function checkBus(name: string, bus: unknown, problems: string[]): void {
  const key = `buses.${name}`;
  if (!isObject(bus)) return void problems.push(`${key} must be an object like ${BUS_EXAMPLE}`);
  for (const field of Object.keys(bus)) {
    if (field !== 'transport' && field !== 'servers') problems.push(`${key}.${field} is not a known key (use "transport" or "servers")`);
  }
  if (!(BUS_TRANSPORTS as readonly unknown[]).includes(bus.transport)) {
    problems.push(
      `${key}.transport must be one of ${BUS_TRANSPORTS.map((t) => `"${t}"`).join(', ')} (got ${JSON.stringify(bus.transport)})`,
    );
  }
  const servers = bus.servers;
  if (!Array.isArray(servers) || servers.length === 0) {
    return void problems.push(`${key}.servers must be a non-empty list of broker URLs, e.g. ["nats://127.0.0.1:4222"]`);
  }
  servers.forEach((server, index) => {
    if (!isServerUrl(server))
      problems.push(`${key}.servers[${index}] must be a URL like "nats://127.0.0.1:4222" (got ${JSON.stringify(server)})`);
  });
}

/** Checks `buses` (optional) and answers the names of the buses declared. */
export function checkBuses(buses: unknown, problems: string[]): string[] {
  if (buses === undefined) return [];
  if (!isObject(buses)) {
    problems.push(`buses must be an object naming each bus, e.g. ${EXAMPLE}`);
    return [];
  }
  for (const [name, bus] of Object.entries(buses)) checkBus(name, bus, problems);
  return Object.keys(buses);
}

/** `processes.<name>.bus` names a declared bus, and the process is not also reached over `listen`. */
export function checkProcessBus(name: string, spec: Json, busNames: string[], problems: string[]): void {
  const key = `processes.${name}.bus`;
  if (spec.bus === undefined) return;
  if (spec.listen !== undefined) {
    problems.push(`processes.${name} has both "listen" and "bus": other processes reach it one way; keep one`);
  }
  if (busNames.length === 0) {
    problems.push(`${key} names ${JSON.stringify(spec.bus)} but the topology declares no buses: add "buses": ${EXAMPLE}`);
  } else if (typeof spec.bus !== 'string' || !busNames.includes(spec.bus)) {
    problems.push(`${key} must name one of the buses (${busNames.join(', ')}); got ${JSON.stringify(spec.bus)}`);
  }
}

/** A bus transport given as `listen.transport` says where it belongs instead. */
export function busTransportMisplaced(name: string, transport: unknown, busNames: string[]): string | undefined {
  if (!(BUS_TRANSPORTS as readonly unknown[]).includes(transport)) return undefined;
  const where = busNames.length > 0 ? `one of the buses (${busNames.join(', ')})` : `a bus declared in "buses": ${EXAMPLE}`;
  return `processes.${name}.listen.transport ${JSON.stringify(transport)} is a bus transport: remove "listen" and set processes.${name}.bus to ${where}`;
}

/** Every declared bus is used by some process: a bus nobody is on is a typo waiting to happen. */
export function checkBusesUsed(busNames: string[], processes: Record<string, Json>, problems: string[]): void {
  const used = new Set(Object.values(processes).map((process) => process.bus));
  for (const bus of busNames) {
    if (!used.has(bus)) problems.push(`buses.${bus} is used by no process (set processes.<name>.bus to "${bus}", or remove it)`);
  }
}
