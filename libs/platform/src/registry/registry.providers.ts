import { Provider, Type } from '@nestjs/common';
import { Topology } from '../config/topology';
import { RegistryAnnouncer } from './registry-announcer';
import { ServiceRegistry } from './service-registry';
import { TcpPings } from './tcp-pings';
import { DatabasesHostedHere, HOSTED_DATABASES, ThisInstance } from './this-instance';

/**
 * Every process announces itself on its buses; the one serving HTTP also keeps the registry
 * (ADR 0029). `databases` is the kernel's list of hosted databases, whose health a beat reports.
 */
export function registryProviders(topology: Topology, databases: Type<DatabasesHostedHere>): Provider[] {
  const view = topology.self.http ? [TcpPings, ServiceRegistry] : [];
  return [{ provide: HOSTED_DATABASES, useExisting: databases }, ThisInstance, RegistryAnnouncer, ...view];
}
