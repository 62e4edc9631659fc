import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { ConfigurationError } from '../config/configuration.error';
import { PlatformConfig } from '../config/platform-config';
import { Endpoint, Topology } from '../config/topology';
import { EnvelopeGate } from '../envelope/envelope-gate';
import { TcpCallServer } from './tcp/tcp-call.server';

/**
 * Opens this process's listener when the topology gives it one and it hosts modules. On shutdown
 * it stops accepting connections first and closes the open ones last, once the drain is over.
 */
@Injectable()
export class CallListeners implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private server?: TcpCallServer;

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    private readonly gate: EnvelopeGate,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** Connections this process's listener closed for breaking a transport limit, by rule (ADR 0021). */
  limitBreaches(): Record<string, number> {
    return this.server?.breaches.snapshot() ?? {};
  }

  async onApplicationBootstrap(): Promise<void> {
    const listen = this.topology.self.listen;
    if (!listen || this.topology.hostedModules.length === 0) return;
    const server = new TcpCallServer(listen, this.gate, this.config.tcpLimits);
    await new Promise<void>((resolve, reject) =>
      server.listen((error?: unknown) => (error ? reject(this.cannotListen(listen, error)) : resolve())),
    );
    this.server = server;
  }

  private cannotListen({ host, port }: Endpoint, error: unknown): Error {
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    const key = `processes.${this.topology.processName}.listen`;
    const hint = inUse ? `${host}:${port} is in use: stop what listens there or change ${key}.port` : `${key} could not be opened`;
    return new ConfigurationError(`process "${this.topology.processName}" of topology "${this.topology.name}"`, [
      `cannot listen for calls: ${hint}`,
    ]);
  }

  onModuleDestroy(): void {
    this.server?.stopAccepting();
  }

  onApplicationShutdown(): void {
    this.server?.close();
  }
}
