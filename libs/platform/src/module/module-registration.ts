import { ModuleName } from '@app/contracts';
import { OnModuleInit } from '@nestjs/common';
import { HostedDatabases } from '../database/hosted-databases';
import { ModuleDatabase } from '../database/module-database';
import { EventPublisher } from '../events/event-publisher';
import { HostedPublishers } from '../events/hosted-publishers';

/**
 * One business module joining the kernel of its process: its database and its publisher are
 * registered where the kernel looks for them (the relay, the inbox, replay protection, the audit
 * stamps). `ModuleKernel.forModule` provides one per module; Nest runs `onModuleInit` once every
 * instance is built and before anything starts serving (listeners, relay, HTTP), so the kernel
 * never meets a module that is half there.
 */
export class ModuleRegistration implements OnModuleInit {
  constructor(
    private readonly name: ModuleName,
    private readonly database: ModuleDatabase,
    private readonly publisher: EventPublisher,
    private readonly databases: HostedDatabases,
    private readonly publishers: HostedPublishers,
  ) {}

  onModuleInit(): void {
    this.databases.register({ name: this.name, database: this.database });
    this.publishers.register({ name: this.name, publisher: this.publisher });
  }
}
