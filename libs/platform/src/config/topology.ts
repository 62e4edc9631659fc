import { CallerName, GATEWAY, ModuleName } from '@app/contracts';

/** Transports a process listens on point to point, at its own address. */
export const LISTEN_TRANSPORTS = ['tcp'] as const;
export type ListenTransport = (typeof LISTEN_TRANSPORTS)[number];

/** Transports of a shared bus: every process placed on it connects to the bus's servers (ADR 0025). */
export const BUS_TRANSPORTS = ['nats'] as const;
export type BusTransport = (typeof BUS_TRANSPORTS)[number];

export interface Endpoint {
  transport: ListenTransport;
  host: string;
  port: number;
}

export interface HttpEndpoint {
  host: string;
  port: number;
}

/** A named message bus: a broker every process placed on it connects to. */
export interface BusSpec {
  transport: BusTransport;
  /** The broker's URLs, e.g. `["nats://127.0.0.1:4222"]`; the client picks one and fails over to the others. */
  servers: string[];
}

export interface ProcessSpec {
  http?: HttpEndpoint;
  /** Other processes call this one's modules at this address... */
  listen?: Endpoint;
  /** ...or on this bus (one of `buses`), never both. */
  bus?: string;
  /**
   * How many copies of this process share its work; more than one only on a bus (ADR 0028) or for
   * the process serving HTTP, whose replica n listens on `http.port + n - 1` (ADR 0030). Default 1.
   */
  replicas?: number;
}

/** Where every module runs and how processes reach each other. Validated before use. */
export interface TopologySpec {
  buses?: Record<string, BusSpec>;
  processes: Record<string, ProcessSpec>;
  modules: Partial<Record<ModuleName, { process: string }>>;
}

/** A bus by name, as a route: the process reached is on it. */
export type BusRoute = { bus: string } & BusSpec;

/** How a module is reached from here: in this process, at a TCP address, or on a bus. */
export type Route = { transport: 'in-process' } | Endpoint | BusRoute;

export type TransportName = Route['transport'];

/** Where replica `replica` (1-based) of a process serving `http` listens: the next port per replica (ADR 0030). */
export function replicaHttpEndpoint(http: HttpEndpoint, replica: number): HttpEndpoint {
  return { host: http.host, port: http.port + replica - 1 };
}

/** The topology as seen from one process of it (and, for a replicated process, which replica it is). */
export class Topology {
  constructor(
    readonly name: string,
    readonly spec: TopologySpec,
    readonly processName: string,
    readonly replica = 1,
  ) {}

  get self(): ProcessSpec {
    return this.spec.processes[this.processName];
  }

  /** Where this process serves HTTP, if it does: its replica's own port (ADR 0030). */
  get http(): HttpEndpoint | undefined {
    const http = this.self.http;
    return http && replicaHttpEndpoint(http, this.replica);
  }

  /** Modules that exist in this deployment, wherever they run. */
  get deployedModules(): ModuleName[] {
    return Object.keys(this.spec.modules) as ModuleName[];
  }

  get hostedModules(): ModuleName[] {
    return this.deployedModules.filter((module) => this.isHostedHere(module));
  }

  /** Deployed modules that run in other processes (the ones we reach over a wire). */
  get remoteModules(): ModuleName[] {
    return this.deployedModules.filter((module) => !this.isHostedHere(module));
  }

  isDeployed(module: string): module is ModuleName {
    return module in this.spec.modules;
  }

  processOf(module: ModuleName): string {
    const placement = this.spec.modules[module];
    if (!placement) throw new Error(`module "${module}" is not deployed in topology ${this.name}`);
    return placement.process;
  }

  isHostedHere(module: ModuleName): boolean {
    return this.processOf(module) === this.processName;
  }

  /** How other processes reach the modules of `processName`; undefined when nothing can (one-process topologies). */
  routeOf(processName: string): Route | undefined {
    const process = this.spec.processes[processName];
    if (process?.listen) return process.listen;
    const bus = process?.bus === undefined ? undefined : this.spec.buses?.[process.bus];
    return bus && { bus: process.bus!, ...bus };
  }

  /** How this process reaches `module`: directly when it runs here, else its process's route. */
  routeTo(module: ModuleName): Route | undefined {
    return this.isHostedHere(module) ? { transport: 'in-process' } : this.routeOf(this.processOf(module));
  }

  /**
   * Each other process that hosts modules, with one of its modules: calls address a module
   * (ADR 0025), so a question for a process (its metrics, its spans) goes to one of its modules.
   */
  get remoteProcessContacts(): [processName: string, module: ModuleName][] {
    const contacts = new Map<string, ModuleName>();
    for (const module of this.remoteModules) if (!contacts.has(this.processOf(module))) contacts.set(this.processOf(module), module);
    return [...contacts];
  }

  /** How many copies of `processName` run (ADR 0028). */
  replicasOf(processName: string): number {
    return this.spec.processes[processName]?.replicas ?? 1;
  }

  /** Modules placed in one process. */
  modulesOf(processName: string): ModuleName[] {
    return this.deployedModules.filter((module) => this.processOf(module) === processName);
  }

  /** Who speaks from this process: its modules, and the gateway where it serves HTTP (ADR 0022). */
  get hostedCallers(): CallerName[] {
    return this.callersOf(this.processName);
  }

  /** Callers in other processes: the peers whose public keys this process needs (ADR 0022). */
  get remoteCallers(): CallerName[] {
    const hosted = new Set<CallerName>(this.hostedCallers);
    const all = Object.keys(this.spec.processes).flatMap((processName) => this.callersOf(processName));
    return [...new Set(all)].filter((caller) => !hosted.has(caller));
  }

  private callersOf(processName: string): CallerName[] {
    const gateway: CallerName[] = this.spec.processes[processName]?.http ? [GATEWAY] : [];
    return [...this.modulesOf(processName), ...gateway];
  }
}

/** A route in a log line or the gateway's `/topology`: `tcp://127.0.0.1:4001`, `nats bus "main" (nats://…)`. */
export function describeRoute(route: Route): string {
  if (route.transport === 'in-process') return 'in-process';
  if ('bus' in route) return `${route.transport} bus "${route.bus}" (${route.servers.join(', ')})`;
  return `${route.transport}://${route.host}:${route.port}`;
}
