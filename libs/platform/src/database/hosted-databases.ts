import { ModuleName } from '@app/contracts';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findSharedEntities } from './entity-ownership';
import { ModuleDatabase } from './module-database';

/** A business module hosted here, and its database. */
export interface HostedDatabase {
  name: ModuleName;
  database: ModuleDatabase;
}

/**
 * The databases of the business modules this process hosts: where the relay finds the outboxes,
 * the inbox and replay protection their module's tables, `GET /health` what to ping. Each module
 * registers its own as it starts (`ModuleKernel.forModule`); a module whose DataSource lists an
 * entity of another is refused there, before anything serves (ADR 0006). They close last, once
 * the drain and the relay's final pass are over.
 */
@Injectable()
export class HostedDatabases implements OnApplicationShutdown {
  private readonly hosted = new Map<ModuleName, HostedDatabase>();

  register(module: HostedDatabase): void {
    if (this.hosted.has(module.name)) throw new Error(`module ${module.name} is registered twice`);
    this.hosted.set(module.name, module);
    const dataSources = new Map<string, DataSource>([...this.hosted].map(([name, m]) => [name, m.database.dataSource]));
    const shared = findSharedEntities(dataSources);
    if (shared.length > 0) throw new Error(`Module data boundaries are broken:\n  - ${shared.join('\n  - ')}`);
  }

  get(name: ModuleName): HostedDatabase | undefined {
    return this.hosted.get(name);
  }

  /** In the order the modules registered. */
  all(): HostedDatabase[] {
    return [...this.hosted.values()];
  }

  async onApplicationShutdown(): Promise<void> {
    for (const module of this.hosted.values()) await module.database.close();
  }
}
