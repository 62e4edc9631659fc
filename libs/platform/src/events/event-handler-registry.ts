import { ALL_EVENTS, EVENT_SUBSCRIPTIONS, ModuleName } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EVENT_CONSUMER, EVENT_HANDLER, EventHandlerTarget, ReceivedEvent } from './handles-event.decorator';

export type EventHandlerFn = (event: ReceivedEvent) => Promise<void>;

const keyOf = (module: string, target: EventHandlerTarget) => `${module}:${target === ALL_EVENTS ? ALL_EVENTS : target.pattern}`;

/** Finds every @HandlesEvent method of this process and checks them against the subscriptions. */
@Injectable()
export class EventHandlerRegistry {
  private readonly handlers = new Map<string, EventHandlerFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  discover(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const module = this.reflector.get<ModuleName | undefined>(EVENT_CONSUMER, wrapper.metatype);
      if (!module) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const method = instance[name] as EventHandlerFn;
        const target = this.reflector.get<EventHandlerTarget | undefined>(EVENT_HANDLER, method);
        if (target) this.handlers.set(keyOf(module, target), method.bind(instance));
      }
    }
  }

  handlerFor(module: ModuleName, pattern: string): EventHandlerFn | undefined {
    return this.handlers.get(`${module}:${pattern}`) ?? this.handlers.get(keyOf(module, ALL_EVENTS));
  }

  /** Every subscription of a hosted module has a handler, and every handler a subscription. */
  mismatches(hostedModules: ModuleName[]): string[] {
    const problems: string[] = [];
    for (const module of hostedModules) {
      const subscription = EVENT_SUBSCRIPTIONS[module];
      const expected = subscription === ALL_EVENTS ? [ALL_EVENTS] : subscription.map((event) => event.pattern);
      for (const pattern of expected) {
        if (!this.handlers.has(`${module}:${pattern}`)) problems.push(`${module} subscribes to ${pattern} but has no @HandlesEvent for it`);
      }
      for (const key of this.handlers.keys()) {
        const [owner, pattern] = key.split(/:(.*)/s);
        if (owner === module && !expected.includes(pattern))
          problems.push(`${module} handles ${pattern} but EVENT_SUBSCRIPTIONS does not list it`);
      }
    }
    return problems;
  }
}
