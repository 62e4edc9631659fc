import { ConfigurationError } from './configuration.error';
import { validateTopology } from './validate-topology';

const problemsOf = (raw: unknown): string[] => {
  try {
    validateTopology(raw, 'test.json');
    return [];
  } catch (error) {
    return (error as ConfigurationError).problems;
  }
};

const GATEWAY = { http: { host: '127.0.0.1', port: 3000 } };
const SHARED = { transport: 'nats', servers: ['nats://127.0.0.1:4222'] };

/** A gateway and billing on a bus, with one part replaced. */
const onBus = (parts: { buses?: unknown; billing?: unknown } = {}) => ({
  buses: 'buses' in parts ? parts.buses : { shared: SHARED },
  processes: { main: GATEWAY, billing: 'billing' in parts ? parts.billing : { bus: 'shared' } },
  modules: { billing: { process: 'billing' } },
});

describe('topology validation of buses', () => {
  it('accepts processes placed on a declared NATS bus', () => {
    expect(problemsOf(onBus())).toEqual([]);
  });

  it('names a process whose bus is misspelt, and lists the buses', () => {
    expect(problemsOf(onBus({ billing: { bus: 'shraed' } }))).toEqual([
      'processes.billing.bus must name one of the buses (shared); got "shraed"',
      'buses.shared is used by no process (set processes.<name>.bus to "shared", or remove it)',
    ]);
  });

  it('says how to declare a bus when a process names one and there are none', () => {
    expect(problemsOf(onBus({ buses: undefined }))).toEqual([
      expect.stringContaining('processes.billing.bus names "shared" but the topology declares no buses: add "buses": { "main": {'),
    ]);
  });

  it('names a misspelt key of a bus, an unknown bus transport and a server that is not a NATS URL', () => {
    const buses = { shared: { transport: 'kafka', servers: ['http://127.0.0.1:4222', 'nats://127.0.0.1:4222'], server: 'x' } };
    expect(problemsOf(onBus({ buses }))).toEqual([
      'buses.shared.server is not a known key (use "transport" or "servers")',
      'buses.shared.transport must be one of "nats" (got "kafka")',
      'buses.shared.servers[0] must be a URL like "nats://127.0.0.1:4222" (got "http://127.0.0.1:4222")',
    ]);
  });

  it('wants at least one server on a bus, given as a list', () => {
    expect(problemsOf(onBus({ buses: { shared: { transport: 'nats', servers: 'nats://127.0.0.1:4222' } } }))).toEqual([
      'buses.shared.servers must be a non-empty list of broker URLs, e.g. ["nats://127.0.0.1:4222"]',
    ]);
  });

  it('refuses a process reached both over TCP and on a bus', () => {
    const billing = { bus: 'shared', listen: { transport: 'tcp', host: '127.0.0.1', port: 4002 } };
    expect(problemsOf(onBus({ billing }))).toEqual([
      'processes.billing has both "listen" and "bus": other processes reach it one way; keep one',
    ]);
  });

  it('says where NATS belongs when it is given as a listen transport', () => {
    const billing = { listen: { transport: 'nats', host: '127.0.0.1', port: 4222 } };
    expect(problemsOf(onBus({ billing }))).toEqual([
      'processes.billing.listen.transport "nats" is a bus transport: remove "listen" and set processes.billing.bus to one of the buses (shared)',
      'buses.shared is used by no process (set processes.<name>.bus to "shared", or remove it)',
    ]);
  });

  it('requires a bus (or a listener) on a process that hosts modules others call', () => {
    expect(problemsOf(onBus({ billing: {}, buses: undefined }))).toEqual([
      'processes.billing.listen (TCP) or processes.billing.bus is required: it hosts modules that other processes call',
    ]);
  });

  it('refuses a bus that is not an object, and unknown keys on a process', () => {
    expect(problemsOf(onBus({ buses: ['nats://127.0.0.1:4222'], billing: { bus: 'shared', queue: 'billing' } }))).toEqual([
      expect.stringContaining('buses must be an object naming each bus'),
      'processes.billing.queue is not a known key (use "http", "listen", "bus" or "replicas")',
      expect.stringContaining('processes.billing.bus names "shared" but the topology declares no buses'),
    ]);
  });
});
