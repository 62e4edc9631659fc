import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Topology } from '../config/topology';
import { EnvelopeSigner } from '../envelope/envelope-signer';
import { HandlerTable } from '../messaging/handler-table';
import { LocalProcessClient } from './local/local-process.client';
import { ProcessClient } from './process-client';
import { TcpProcessClient } from './tcp/tcp-process.client';

/** One client per process we talk to: direct dispatch for our own, TCP for the others. */
@Injectable()
export class ProcessClients implements OnApplicationShutdown {
  private readonly clients = new Map<string, ProcessClient>();

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    private readonly handlers: HandlerTable,
    private readonly signer: EnvelopeSigner,
  ) {}

  forProcess(processName: string): ProcessClient {
    let client = this.clients.get(processName);
    if (!client) {
      client = this.create(processName);
      this.clients.set(processName, client);
    }
    return client;
  }

  private create(processName: string): ProcessClient {
    if (processName === this.topology.processName) return new LocalProcessClient(this.handlers);
    const endpoint = this.topology.endpointOf(processName);
    if (!endpoint) throw new Error(`process "${processName}" has no listen endpoint in topology ${this.topology.name}`);
    return new TcpProcessClient(endpoint, this.signer);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const client of this.clients.values()) await client.close();
    this.clients.clear();
  }
}
