import { ModuleName } from '@app/contracts';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findSharedEntities } from '../database/entity-ownership';
import { ModuleDatabase } from '../database/module-database';
import { EventPublisher } from '../events/event-publisher';

export interface HostedModule {
  name: ModuleName;
  database: ModuleDatabase;
  publisher: EventPublisher;
}

/** The business modules running in this process, with their databases and publishers. */
@Injectable()
export class HostedModules implements OnApplicationShutdown {
  private readonly modules = new Map<ModuleName, HostedModule>();

  register(module: HostedModule): void {
    if (this.modules.has(module.name)) throw new Error(`module ${module.name} is registered twice`);
    this.modules.set(module.name, module);
    const dataSources = new Map<string, DataSource>([...this.modules].map(([name, m]) => [name, m.database.dataSource]));
    const shared = findSharedEntities(dataSources);
    if (shared.length > 0) throw new Error(`Module data boundaries are broken:\n  - ${shared.join('\n  - ')}`);
  }

  get(name: ModuleName): HostedModule | undefined {
    return this.modules.get(name);
  }

  all(): HostedModule[] {
    return [...this.modules.values()];
  }

  async onApplicationShutdown(): Promise<void> {
    for (const module of this.modules.values()) await module.database.close();
  }
}
