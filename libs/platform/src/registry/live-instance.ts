import { ModuleName } from '@app/contracts';
import { Announcement, InstanceHealth } from './announcement';

/** How the registry knows an instance is alive: its beats on a bus, its answer to a ping over TCP, or it is this process. */
export type SeenBy = 'heartbeat' | 'ping' | 'self';

/** One running copy of a process, as `GET /topology` lists it. */
export interface LiveInstance {
  id: string;
  host: string;
  process: string;
  modules: ModuleName[];
  gateway: boolean;
  contracts: string[];
  /** Unknown for a process reached over TCP: its ping answer does not carry it. */
  startedAt?: string;
  /** ISO 8601, by this process's clock: when it was last heard from. */
  lastSeen: string;
  health: InstanceHealth;
  seenBy: SeenBy;
}

export type Sighting = Omit<LiveInstance, 'lastSeen'>;

export function sightingOf(announcement: Announcement, seenBy: SeenBy): Sighting {
  const { instance, host, process, modules, gateway, contracts, startedAt, health } = announcement;
  return { id: instance, host, process, modules, gateway, contracts, startedAt, health, seenBy };
}
