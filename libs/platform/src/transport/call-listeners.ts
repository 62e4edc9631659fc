import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Topology } from '../config/topology';
import { EnvelopeGate } from '../envelope/envelope-gate';
import { TcpCallServer } from './tcp/tcp-call.server';

/** Opens this process's listener when the topology gives it one and it hosts modules. */
@Injectable()
export class CallListeners implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: TcpCallServer;

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    private readonly gate: EnvelopeGate,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const listen = this.topology.self.listen;
    if (!listen || this.topology.hostedModules.length === 0) return;
    const server = new TcpCallServer(listen, this.gate);
    await new Promise<void>((resolve, reject) => server.listen((error?: Error) => (error ? reject(error) : resolve())));
    this.server = server;
  }

  onApplicationShutdown(): void {
    this.server?.close();
  }
}
