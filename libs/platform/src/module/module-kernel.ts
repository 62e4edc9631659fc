import { CallerName, ContractBus, GATEWAY, ModuleName } from '@app/contracts';
import { DynamicModule, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { ModuleSchema } from '../database/data-source-options';
import { HostedDatabases } from '../database/hosted-databases';
import { ModuleDatabase } from '../database/module-database';
import { openModuleDatabase } from '../database/open-module-database';
import { EventPublisher } from '../events/event-publisher';
import { HostedPublishers } from '../events/hosted-publishers';
import { OutboxRelay } from '../events/outbox-relay';
import { MessageSender } from '../messaging/message-sender';
import { ModuleBus } from '../messaging/module-bus';
import { Tracing } from '../tracing/tracing';
import { ModuleRegistration } from './module-registration';

/** A typed client class from @app/contracts: built on a ContractBus. */
export type TypedClientClass = new (bus: ContractBus) => object;

export interface BusinessModuleOptions extends ModuleSchema {
  module: ModuleName;
  /** Typed clients of other modules this module calls (AuthClient, …). */
  clients?: TypedClientClass[];
}

export interface OrchestratorOptions extends ModuleSchema {
  /** Who orchestrates: today only the gateway (ADR 0018). */
  owner: typeof GATEWAY;
}

/** Closes an orchestrator's database when the application shuts down. */
@Injectable()
export class OrchestratorDatabaseCloser implements OnApplicationShutdown {
  constructor(private readonly database: ModuleDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/** The typed clients and bus of one caller (a module or the gateway). */
export function clientProviders(caller: CallerName, clients: TypedClientClass[]): Provider[] {
  return [
    {
      provide: ContractBus,
      useFactory: (sender: MessageSender, topology: Topology) => new ModuleBus(caller, sender, topology),
      inject: [MessageSender, Topology],
    },
    ...clients.map((client) => ({ provide: client, useFactory: (bus: ContractBus) => new client(bus), inject: [ContractBus] })),
  ];
}

/**
 * Everything one business module gets from the kernel: its own DataSource (ModuleDatabase), its
 * event publisher (outbox), and typed clients that call other modules as this module. Its
 * `ModuleRegistration` makes the module known to the kernel of the process (relay, inbox, stamps).
 *
 * @example imports: [ModuleKernel.forModule({ module: 'auth', entities, migrations })]
 */
@Module({})
export class ModuleKernel {
  static forModule(options: BusinessModuleOptions): DynamicModule {
    const clients = options.clients ?? [];
    return {
      module: ModuleKernel,
      providers: [
        {
          provide: ModuleDatabase,
          useFactory: (config: PlatformConfig, tracing: Tracing) => openModuleDatabase(options.module, options, config, { tracing }),
          inject: [PLATFORM_CONFIG, Tracing],
        },
        {
          provide: EventPublisher,
          useFactory: (database: ModuleDatabase, topology: Topology, relay: OutboxRelay) =>
            new EventPublisher(options.module, database, topology, relay),
          inject: [ModuleDatabase, Topology, OutboxRelay],
        },
        {
          provide: ModuleRegistration,
          useFactory: (database: ModuleDatabase, publisher: EventPublisher, databases: HostedDatabases, publishers: HostedPublishers) =>
            new ModuleRegistration(options.module, database, publisher, databases, publishers),
          inject: [ModuleDatabase, EventPublisher, HostedDatabases, HostedPublishers],
        },
        ...clientProviders(options.module, clients),
      ],
      exports: [ModuleDatabase, EventPublisher, ContractBus, ...clients],
    };
  }

  /**
   * A database of its own for a caller that is not a business module but orchestrates a saga
   * (the gateway's saga log, ADR 0018): same store and migrations as a module's, without the
   * outbox and inbox (an orchestrator publishes and receives no events), and not one of the
   * process's hosted modules.
   *
   * @example imports: [ModuleKernel.forOrchestrator({ owner: 'gateway', entities, migrations })]
   */
  static forOrchestrator(options: OrchestratorOptions): DynamicModule {
    return {
      module: ModuleKernel,
      providers: [
        {
          provide: ModuleDatabase,
          useFactory: (config: PlatformConfig, tracing: Tracing) =>
            openModuleDatabase(options.owner, options, config, { kernelTables: false, tracing }),
          inject: [PLATFORM_CONFIG, Tracing],
        },
        OrchestratorDatabaseCloser,
      ],
      exports: [ModuleDatabase],
    };
  }
}
