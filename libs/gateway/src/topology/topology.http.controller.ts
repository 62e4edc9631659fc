import { EVENT_SUBSCRIPTIONS, MODULE_CONTRACTS, ModuleName } from '@app/contracts';
import { describeRoute, Topology, TransportName } from '@app/platform';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

export interface ModulePlacementView {
  module: ModuleName;
  process: string;
  inThisProcess: boolean;
  transport: TransportName;
  address?: string;
  contracts: string[];
  subscribesTo: string[] | 'all';
}

@ApiTags('operations')
@Controller('topology')
export class TopologyHttpController {
  constructor(@Inject(Topology) private readonly topology: Topology) {}

  /** Where each module runs, how it is reached, and the versioned patterns it answers. */
  @Get()
  @ApiOperation({ summary: 'Where each module runs, its transport and contract versions' })
  describe(): { topology: string; process: string; modules: ModulePlacementView[] } {
    const modules = this.topology.deployedModules.map((module) => this.placement(module));
    return { topology: this.topology.name, process: this.topology.processName, modules };
  }

  private placement(module: ModuleName): ModulePlacementView {
    const processName = this.topology.processOf(module);
    const route = this.topology.routeTo(module)!; // the validator gives every process hosting modules a route
    const subscription = EVENT_SUBSCRIPTIONS[module];
    return {
      module,
      process: processName,
      inThisProcess: route.transport === 'in-process',
      transport: route.transport,
      ...(route.transport === 'in-process' ? {} : { address: describeRoute(route) }),
      contracts: MODULE_CONTRACTS[module].map((contract) => contract.pattern),
      subscribesTo: subscription === 'all' ? 'all' : subscription.map((event) => event.pattern),
    };
  }
}
