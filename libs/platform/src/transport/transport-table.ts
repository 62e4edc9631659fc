import { Route, TransportName } from '../config/topology';
import { InProcessTransport } from './local/in-process.transport';
import { NatsTransport } from './nats/nats.transport';
import { TcpTransport } from './tcp/tcp.transport';
import { Transport, TransportKit } from './transport';

type RouteOf<T extends TransportName> = Extract<Route, { transport: T }>;

/**
 * Every transport a topology can name, like Nest's `ClientProxyFactory` maps a transport to a
 * client (ADR 0025). Another broker is one more row, one folder beside `nats/`, and its name in
 * `BUS_TRANSPORTS` (or `LISTEN_TRANSPORTS`) so the topology validator accepts it.
 */
export const TRANSPORT_TABLE: { [T in TransportName]: (kit: TransportKit) => Transport<RouteOf<T>> } = {
  'in-process': (kit) => new InProcessTransport(kit.handlers),
  tcp: (kit) => new TcpTransport(kit),
  nats: (kit) => new NatsTransport(kit),
};
