import { MODULE_CONTRACTS, ModuleName } from '@app/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Drain } from '../lifecycle/drain';
import { Metrics } from '../metrics/metrics';
import { CommandStamps } from './command-stamps';
import { compileHandler, HandlerMethod } from './compile-handler';
import { CompiledHandler } from './compiled-handler';
import { HANDLER_METADATA, HandlerMetadata } from './handler-policy';
import { messageParamsOf } from './message-params.decorators';
import { RefusalRecorder } from './refusal-recorder';
import { Tracing } from '../tracing/tracing';

/**
 * Every `@Handles` method of this process, compiled once (on first use, after Nest has built the
 * instances) and looked up by pattern: a map read, whatever the transport.
 */
@Injectable()
export class HandlerTable {
  private compiled?: Map<string, CompiledHandler>;
  private readonly commands = new Set<string>();

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly refusals: RefusalRecorder,
    private readonly stamps: CommandStamps,
    private readonly drain: Drain,
    private readonly metrics: Metrics,
    private readonly tracing: Tracing,
  ) {}

  get(pattern: string): CompiledHandler | undefined {
    return this.handlers().get(pattern);
  }

  /** Whether the handler of `pattern` serves a command (a call that changes state), not a query. */
  isCommand(pattern: string): boolean {
    this.handlers();
    return this.commands.has(pattern);
  }

  entries(): [string, CompiledHandler][] {
    return [...this.handlers()];
  }

  /** Calls a hosted module publishes in its contract but no `@Handles` method answers. */
  missingHandlers(hostedModules: ModuleName[]): string[] {
    const handlers = this.handlers();
    return hostedModules.flatMap((module) =>
      MODULE_CONTRACTS[module]
        .filter((contract) => !handlers.has(contract.pattern))
        .map((contract) => `${module} publishes ${contract.pattern} but no @Handles method answers it`),
    );
  }

  private handlers(): Map<string, CompiledHandler> {
    this.compiled ??= this.compileAll();
    return this.compiled;
  }

  private compileAll(): Map<string, CompiledHandler> {
    const services = {
      maxDeadlineMs: this.config.maxDeadlineMs,
      refusals: this.refusals,
      stamps: this.stamps,
      logger: new Logger('Handler'),
      drain: this.drain,
      metrics: this.metrics,
      tracing: this.tracing,
    };
    const table = new Map<string, CompiledHandler>();
    for (const method of this.discover()) {
      const { pattern } = method.metadata.contract;
      if (table.has(pattern)) throw new Error(`two @Handles methods answer ${pattern}`);
      table.set(pattern, compileHandler(method, services));
      if (method.metadata.contract.kind === 'command') this.commands.add(pattern);
    }
    return table;
  }

  private discover(): HandlerMethod[] {
    const found: HandlerMethod[] = [];
    for (const wrapper of [...this.discovery.getControllers(), ...this.discovery.getProviders()]) {
      const instance = wrapper.instance as Record<string, (...args: unknown[]) => unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const metadata = this.reflector.get<HandlerMetadata | undefined>(HANDLER_METADATA, instance[name]);
        if (!metadata) continue;
        const method = instance[name];
        found.push({ metadata, params: messageParamsOf(prototype, name), invoke: (args) => method.apply(instance, args) });
      }
    }
    return found;
  }
}
