import { ModuleName } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { EventPublisher } from './event-publisher';

/** A business module hosted here, and the publisher that writes to its outbox. */
export interface HostedPublisher {
  name: ModuleName;
  publisher: EventPublisher;
}

/**
 * The event publishers of the business modules this process hosts: how the kernel writes an audit
 * stamp or a refusal into the outbox of the module it concerns. Each module registers its own as
 * it starts (`ModuleKernel.forModule`).
 */
@Injectable()
export class HostedPublishers {
  private readonly hosted = new Map<ModuleName, HostedPublisher>();

  register(module: HostedPublisher): void {
    if (this.hosted.has(module.name)) throw new Error(`module ${module.name} is registered twice`);
    this.hosted.set(module.name, module);
  }

  get(name: ModuleName): HostedPublisher | undefined {
    return this.hosted.get(name);
  }

  /** In the order the modules registered. */
  all(): HostedPublisher[] {
    return [...this.hosted.values()];
  }
}
