import { MODULE_CONTRACTS, ModuleName } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { HANDLER_METADATA, HandlerMetadata } from './handler-policy';

/** At start: every call a hosted module publishes in its contract has a @Handles method here. */
@Injectable()
export class ContractCoverage {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  missingHandlers(hostedModules: ModuleName[]): string[] {
    const handled = new Set<string>();
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const metadata = this.reflector.get<HandlerMetadata | undefined>(HANDLER_METADATA, instance[name] as () => unknown);
        if (metadata) handled.add(metadata.contract.pattern);
      }
    }
    return hostedModules.flatMap((module) =>
      MODULE_CONTRACTS[module]
        .filter((contract) => !handled.has(contract.pattern))
        .map((contract) => `${module} publishes ${contract.pattern} but no @Handles method answers it`),
    );
  }
}
