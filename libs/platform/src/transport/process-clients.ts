import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory } from '@nestjs/microservices';
import { Topology } from '../config/topology';
import { InProcessBroker } from './in-process/in-process.broker';
import { InProcessClient } from './in-process/in-process.client';
import { tcpClientOptions } from './tcp/tcp-options';

/** One ClientProxy per process we talk to: in-process for our own, TCP for the others. */
@Injectable()
export class ProcessClients implements OnApplicationShutdown {
  private readonly clients = new Map<string, ClientProxy>();

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    private readonly broker: InProcessBroker,
  ) {}

  forProcess(processName: string): ClientProxy {
    let client = this.clients.get(processName);
    if (!client) {
      client = this.create(processName);
      this.clients.set(processName, client);
    }
    return client;
  }

  private create(processName: string): ClientProxy {
    if (processName === this.topology.processName) return new InProcessClient(this.broker);
    const endpoint = this.topology.endpointOf(processName);
    if (!endpoint) throw new Error(`process "${processName}" has no listen endpoint in topology ${this.topology.name}`);
    return ClientProxyFactory.create(tcpClientOptions(endpoint));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.close() as unknown));
    this.clients.clear();
  }
}
