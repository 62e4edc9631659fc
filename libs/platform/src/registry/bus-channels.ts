import { BusRoute, Topology } from '../config/topology';
import { BusChannel } from '../transport/bus-channel';
import { Transports } from '../transport/transports';

/**
 * The buses this process reaches other modules on and, with `ownToo`, the one it is reached on:
 * where it announces itself (every bus it uses) and where the registry listens (the buses of the
 * modules it calls).
 */
export function busRoutesOf(topology: Topology, ownToo: boolean): BusRoute[] {
  const routes = topology.remoteModules.map((module) => topology.routeTo(module));
  if (ownToo) routes.push(topology.routeOf(topology.processName));
  const buses = new Map<string, BusRoute>();
  for (const route of routes) if (route && 'bus' in route) buses.set(route.bus, route);
  return [...buses.values()];
}

export function channelsOn(transports: Transports, routes: BusRoute[]): BusChannel[] {
  return routes.flatMap((route) => transports.of(route).channel?.(route) ?? []);
}
