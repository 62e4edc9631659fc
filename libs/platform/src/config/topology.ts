import { CallerName, GATEWAY, ModuleName } from '@app/contracts';

export type TransportName = 'tcp';

export interface Endpoint {
  transport: TransportName;
  host: string;
  port: number;
}

export interface HttpEndpoint {
  host: string;
  port: number;
}

export interface ProcessSpec {
  http?: HttpEndpoint;
  listen?: Endpoint;
}

/** Where every module runs and how processes reach each other. Validated before use. */
export interface TopologySpec {
  processes: Record<string, ProcessSpec>;
  modules: Partial<Record<ModuleName, { process: string }>>;
}

/** The topology as seen from one process of it. */
export class Topology {
  constructor(
    readonly name: string,
    readonly spec: TopologySpec,
    readonly processName: string,
  ) {}

  get self(): ProcessSpec {
    return this.spec.processes[this.processName];
  }

  /** Modules that exist in this deployment, wherever they run. */
  get deployedModules(): ModuleName[] {
    return Object.keys(this.spec.modules) as ModuleName[];
  }

  get hostedModules(): ModuleName[] {
    return this.deployedModules.filter((module) => this.isHostedHere(module));
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

  endpointOf(processName: string): Endpoint | undefined {
    return this.spec.processes[processName]?.listen;
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

  /** Other processes that host at least one module (the ones we may call). */
  get remoteProcesses(): string[] {
    const processes = new Set(this.deployedModules.map((module) => this.processOf(module)));
    processes.delete(this.processName);
    return [...processes];
  }
}
