import { EVENT_SUBSCRIPTIONS, MODULE_CONTRACTS, ModuleName } from '@app/contracts';
import { describeRoute, LiveInstance, ServiceRegistry, Topology, TransportName } from '@app/platform';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

/** One live copy of a module's process, as listed under the module. */
export type ModuleInstanceView = Pick<LiveInstance, 'id' | 'process' | 'host' | 'startedAt' | 'lastSeen' | 'health'>;

export interface ModulePlacementView {
  module: ModuleName;
  process: string;
  inThisProcess: boolean;
  transport: TransportName;
  address?: string;
  contracts: string[];
  subscribesTo: string[] | 'all';
  /** `up` while at least one instance hosting the module is live (ADR 0029). */
  status: 'up' | 'down';
  instances: ModuleInstanceView[];
}

export interface TopologyView {
  topology: string;
  process: string;
  modules: ModulePlacementView[];
  /** Every live instance: this process, those heard on a bus, those reached over TCP that answered a ping. */
  instances: LiveInstance[];
}

const DESCRIPTION =
  'Configured placement (process, transport, address, contract versions) next to the live instances found: ' +
  'processes on a bus announce themselves every REGISTRY_HEARTBEAT_MS and are forgotten after REGISTRY_EXPIRY_MS ' +
  'without a beat (at once when they say goodbye on shutdown); processes reached over TCP are pinged when this is read; ' +
  "modules in this process are live with it. A module is `down` when none of its process's instances is live (ADR 0029).";

@ApiTags('operations')
@Controller('topology')
export class TopologyHttpController {
  constructor(
    @Inject(Topology) private readonly topology: Topology,
    private readonly registry: ServiceRegistry,
  ) {}

  /** Where each module runs, how it is reached, the versioned patterns it answers, and which of its instances are live. */
  @Get()
  @ApiOperation({ summary: 'Where each module runs, its transport, contract versions and live instances', description: DESCRIPTION })
  async describe(): Promise<TopologyView> {
    const instances = await this.registry.live();
    const modules = this.topology.deployedModules.map((module) => this.placement(module, instances));
    return { topology: this.topology.name, process: this.topology.processName, modules, instances };
  }

  private placement(module: ModuleName, live: LiveInstance[]): ModulePlacementView {
    const processName = this.topology.processOf(module);
    const route = this.topology.routeTo(module)!; // the validator gives every process hosting modules a route
    const subscription = EVENT_SUBSCRIPTIONS[module];
    const instances = live
      .filter((instance) => instance.modules.includes(module))
      .map(({ id, process, host, startedAt, lastSeen, health }) => ({ id, process, host, startedAt, lastSeen, health }));
    return {
      module,
      process: processName,
      inThisProcess: route.transport === 'in-process',
      transport: route.transport,
      ...(route.transport === 'in-process' ? {} : { address: describeRoute(route) }),
      contracts: MODULE_CONTRACTS[module].map((contract) => contract.pattern),
      subscribesTo: subscription === 'all' ? 'all' : subscription.map((event) => event.pattern),
      status: instances.length > 0 ? 'up' : 'down',
      instances,
    };
  }
}
