import { Endpoint } from '../../config/topology';
import { ModuleClient } from '../module-client';
import { CallServer, Transport, TransportKit } from '../transport';
import { TcpCallServer } from './tcp-call.server';
import { TcpProcessClient } from './tcp-process.client';

/**
 * Point to point over Nest's TCP framing: one connection per process we call, whichever of its
 * modules we address (the address is the process's); a listener with the limits of ADR 0021.
 */
export class TcpTransport implements Transport<Endpoint> {
  private readonly clients = new Map<string, TcpProcessClient>();

  constructor(private readonly kit: TransportKit) {}

  client(endpoint: Endpoint): ModuleClient {
    const address = `${endpoint.host}:${endpoint.port}`;
    let client = this.clients.get(address);
    if (!client) {
      client = new TcpProcessClient(endpoint, this.kit.signer);
      this.clients.set(address, client);
    }
    return client;
  }

  server(endpoint: Endpoint): CallServer {
    return new TcpCallServer(endpoint, this.kit.gate, this.kit.config.tcpLimits);
  }

  close(): Promise<void> {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
    return Promise.resolve();
  }
}
