import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { ConfigurationError } from '../config/configuration.error';
import { describeRoute, Route, Topology } from '../config/topology';
import { CallServer } from './transport';
import { Transports } from './transports';

/**
 * Opens this process's entry for calls — a TCP listener or its subscriptions on a bus, whichever
 * its route names — when it hosts modules. On shutdown it stops taking new work first and closes
 * last, once the drain is over (ADR 0017).
 */
@Injectable()
export class CallListeners implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private server?: CallServer;

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    private readonly transports: Transports,
  ) {}

  /** Connections this process's listener closed for breaking a transport limit, by rule (ADR 0021). */
  limitBreaches(): Record<string, number> {
    return this.server?.limitBreaches?.() ?? {};
  }

  async onApplicationBootstrap(): Promise<void> {
    const route = this.topology.routeOf(this.topology.processName);
    if (!route || this.topology.hostedModules.length === 0) return;
    const server = this.transports.of(route).server?.(route);
    if (!server) return;
    await server.start().catch((error: unknown) => Promise.reject(this.cannotServe(route, error)));
    this.server = server;
  }

  private cannotServe(route: Route, error: unknown): Error {
    const key = `processes.${this.topology.processName}.${'bus' in route ? 'bus' : 'listen'}`;
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    const hint = inUse
      ? `${describeRoute(route)} is in use: stop what listens there or change ${key}.port`
      : `${key} (${describeRoute(route)}) could not be opened: ${(error as Error).message}`;
    return new ConfigurationError(`process "${this.topology.processName}" of topology "${this.topology.name}"`, [
      `cannot listen for calls: ${hint}`,
    ]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.server?.stopAccepting();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
