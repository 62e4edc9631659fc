import { ALL_EVENTS, EVENT_SUBSCRIPTIONS, ModuleName } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EVENT_CONSUMER, EVENT_HANDLER, EventHandlerTarget, ReceivedEvent } from './handles-event.decorator';

export type EventHandlerFn = (event: ReceivedEvent) => Promise<void>;

const keyOf = (module: string, target: EventHandlerTarget) => `${module}:${target === ALL_EVENTS ? ALL_EVENTS : target.pattern}`;

/**
 * Every @HandlesEvent method of this process, found once (on first use, after Nest has built the
 * instances) and looked up by module and pattern; checked against the subscriptions at start.
 */
@Injectable()
export class EventHandlerRegistry {
  private found?: Map<string, EventHandlerFn>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  handlerFor(module: ModuleName, pattern: string): EventHandlerFn | undefined {
    const handlers = this.handlers();
    return handlers.get(`${module}:${pattern}`) ?? handlers.get(keyOf(module, ALL_EVENTS));
  }

  /** Every subscription of a hosted module has a handler, and every handler a subscription. */
  mismatches(hostedModules: ModuleName[]): string[] {
    const handlers = this.handlers();
    const problems: string[] = [];
    for (const module of hostedModules) {
      const subscription = EVENT_SUBSCRIPTIONS[module];
      const expected = subscription === ALL_EVENTS ? [ALL_EVENTS] : subscription.map((event) => event.pattern);
      for (const pattern of expected) {
        if (!handlers.has(`${module}:${pattern}`)) problems.push(`${module} subscribes to ${pattern} but has no @HandlesEvent for it`);
      }
      for (const key of handlers.keys()) {
        const [owner, pattern] = key.split(/:(.*)/s);
        if (owner === module && !expected.includes(pattern))
          problems.push(`${module} handles ${pattern} but EVENT_SUBSCRIPTIONS does not list it`);
      }
    }
    return problems;
  }

  private handlers(): Map<string, EventHandlerFn> {
    this.found ??= this.discover();
    return this.found;
  }

  private discover(): Map<string, EventHandlerFn> {
    const handlers = new Map<string, EventHandlerFn>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const module = this.reflector.get<ModuleName | undefined>(EVENT_CONSUMER, wrapper.metatype);
      if (!module) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const method = instance[name] as EventHandlerFn;
        const target = this.reflector.get<EventHandlerTarget | undefined>(EVENT_HANDLER, method);
        if (target) handlers.set(keyOf(module, target), method.bind(instance));
      }
    }
    return handlers;
  }
}
