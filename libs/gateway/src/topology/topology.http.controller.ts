import { EVENT_SUBSCRIPTIONS, MODULE_CONTRACTS, ModuleName } from '@app/contracts';
import { Topology } from '@app/platform';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

export interface ModulePlacementView {
  module: ModuleName;
  process: string;
  inThisProcess: boolean;
  transport: 'in-process' | 'tcp';
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
    const inThisProcess = processName === this.topology.processName;
    const endpoint = this.topology.endpointOf(processName);
    const subscription = EVENT_SUBSCRIPTIONS[module];
    return {
      module,
      process: processName,
      inThisProcess,
      transport: inThisProcess ? 'in-process' : 'tcp',
      ...(inThisProcess || !endpoint ? {} : { address: `${endpoint.host}:${endpoint.port}` }),
      contracts: MODULE_CONTRACTS[module].map((contract) => contract.pattern),
      subscribesTo: subscription === 'all' ? 'all' : subscription.map((event) => event.pattern),
    };
  }
}
