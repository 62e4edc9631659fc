import { GatewayModule } from '@app/gateway';
import { PlatformConfig, PlatformModule, Topology } from '@app/platform';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { HOSTABLE_MODULES } from './hostable-modules';

/** The module graph of one process: the kernel, the modules it hosts, the gateway if it serves HTTP. */
@Module({})
export class AppModule {
  static forProcess(topology: Topology, config: PlatformConfig): DynamicModule {
    const modules = topology.hostedModules.map((name) => HOSTABLE_MODULES[name]);
    const gateway: Type[] = topology.self.http ? [GatewayModule] : [];
    return { module: AppModule, imports: [PlatformModule.forRoot({ topology, config }), ...modules, ...gateway] };
  }
}
