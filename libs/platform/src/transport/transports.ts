import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Route, Topology, TransportName } from '../config/topology';
import { EnvelopeGate } from '../envelope/envelope-gate';
import { EnvelopeSigner } from '../envelope/envelope-signer';
import { HandlerTable } from '../messaging/handler-table';
import { Transport, TransportKit } from './transport';
import { TRANSPORT_TABLE } from './transport-table';

/** The transports this process uses, each made from the table on first use and closed at shutdown. */
@Injectable()
export class Transports implements OnApplicationShutdown {
  private readonly kit: TransportKit;
  private readonly open = new Map<TransportName, Transport>();

  constructor(
    @Inject(Topology) topology: Topology,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    handlers: HandlerTable,
    gate: EnvelopeGate,
    signer: EnvelopeSigner,
  ) {
    this.kit = { topology, config, handlers, gate, signer };
  }

  of<R extends Route>(route: R): Transport<R> {
    let transport = this.open.get(route.transport);
    if (!transport) {
      transport = TRANSPORT_TABLE[route.transport](this.kit);
      this.open.set(route.transport, transport);
    }
    return transport;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const transport of this.open.values()) await transport.close();
    this.open.clear();
  }
}
