import { Provider } from '@nestjs/common';
import { Topology } from '../config/topology';
import { RegistryAnnouncer } from './registry-announcer';
import { ServiceRegistry } from './service-registry';
import { TcpPings } from './tcp-pings';
import { ThisInstance } from './this-instance';

/** Every process announces itself on its buses; the one serving HTTP also keeps the registry (ADR 0029). */
export function registryProviders(topology: Topology): Provider[] {
  const view = topology.self.http ? [TcpPings, ServiceRegistry] : [];
  return [ThisInstance, RegistryAnnouncer, ...view];
}
