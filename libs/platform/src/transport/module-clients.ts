import { ModuleName } from '@app/contracts';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Topology } from '../config/topology';
import { ModuleClient } from './module-client';
import { Transports } from './transports';

/**
 * One client per module we call, from the transport its route names: direct dispatch for the
 * modules of this process, the wire of their process for the others (ADR 0025).
 */
@Injectable()
export class ModuleClients implements OnApplicationBootstrap {
  private readonly clients = new Map<ModuleName, ModuleClient>();

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    private readonly transports: Transports,
  ) {}

  /** Made at start, so a broker connection is being opened before the first call needs it. */
  onApplicationBootstrap(): void {
    for (const module of this.topology.deployedModules) this.forModule(module);
  }

  forModule(module: ModuleName): ModuleClient {
    let client = this.clients.get(module);
    if (!client) {
      client = this.create(module);
      this.clients.set(module, client);
    }
    return client;
  }

  private create(module: ModuleName): ModuleClient {
    const route = this.topology.routeTo(module);
    if (!route) {
      const processName = this.topology.processOf(module);
      throw new Error(`process "${processName}" has neither "listen" nor "bus" in topology ${this.topology.name}`);
    }
    return this.transports.of(route).client(route, module);
  }
}
