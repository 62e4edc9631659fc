import { ModuleName } from '@app/contracts';
import { PlatformConfig } from '../config/platform-config';
import { Route, Topology } from '../config/topology';
import { EnvelopeGate } from '../envelope/envelope-gate';
import { EnvelopeSigner } from '../envelope/envelope-signer';
import { HandlerTable } from '../messaging/handler-table';
import { BusChannel } from './bus-channel';
import { ModuleClient } from './module-client';

/** This process's entry for calls from other processes, on one transport. */
export interface CallServer {
  /** Starts answering the patterns of the modules hosted here; rejects when it cannot. */
  start(): Promise<void>;
  /** The first step of a drain (ADR 0017): new work stops reaching this process; work already here is answered. */
  stopAccepting(): Promise<void> | void;
  close(): Promise<void> | void;
  /** Connections closed for breaking a transport limit, by rule (ADR 0021); transports without such limits have none. */
  limitBreaches?(): Record<string, number>;
}

/**
 * One row of the transport table (ADR 0025): how this process reaches a module on a route of this
 * transport, and how it answers calls on it. A transport instance lives as long as the process
 * and owns what it opened (sockets, broker connections); `close` releases all of it.
 */
export interface Transport<R extends Route = Route> {
  client(route: R, module: ModuleName): ModuleClient;
  /** Absent for the in-process transport: nothing comes in from outside. */
  server?(route: R): CallServer;
  /** A bus transport's broadcasts (the registry's beats, ADR 0029); absent where there is no bus. */
  channel?(route: R): BusChannel;
  close(): Promise<void>;
}

/** What a transport may need from the kernel. Messages from a wire enter through the gate. */
export interface TransportKit {
  topology: Topology;
  config: PlatformConfig;
  handlers: HandlerTable;
  gate: EnvelopeGate;
  signer: EnvelopeSigner;
}
