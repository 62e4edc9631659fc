import { ModuleName } from '@app/contracts';
import { BusRoute } from '../../config/topology';
import { BusChannel } from '../bus-channel';
import { ModuleClient } from '../module-client';
import { CallServer, Transport, TransportKit } from '../transport';
import { NatsBusConnection } from './nats-bus-connection';
import { NatsCallServer } from './nats-call.server';
import { NatsModuleClient } from './nats-module.client';

/**
 * NATS core (no JetStream): one connection per bus this process uses, shared by its clients and
 * its call server; a client per module addressed by subject, a server subscribing the hosted
 * modules' subjects in their queue groups (ADR 0025).
 */
export class NatsTransport implements Transport<BusRoute> {
  private readonly connections = new Map<string, NatsBusConnection>();

  constructor(private readonly kit: TransportKit) {}

  client(route: BusRoute, module: ModuleName): ModuleClient {
    return new NatsModuleClient(this.connectionTo(route), module, this.kit.signer);
  }

  server(route: BusRoute): CallServer {
    return new NatsCallServer(this.connectionTo(route), this.kit.topology.hostedModules, this.kit.gate);
  }

  channel(route: BusRoute): BusChannel {
    return this.connectionTo(route);
  }

  async close(): Promise<void> {
    for (const connection of this.connections.values()) await connection.close();
    this.connections.clear();
  }

  private connectionTo(route: BusRoute): NatsBusConnection {
    let connection = this.connections.get(route.bus);
    if (!connection) {
      const { name, processName } = this.kit.topology;
      connection = new NatsBusConnection(route.bus, route.servers, `archipelago ${name}/${processName}`);
      this.connections.set(route.bus, connection);
    }
    return connection;
  }
}
