import { join } from 'node:path';
import { ConfigurationError } from './configuration.error';
import { loadTopology } from './load-topology';
import { readPlatformConfig } from './platform-config';
import { checkReplicaDatabases } from './replica-databases';
import { validateTopology } from './validate-topology';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const bus = { shared: { transport: 'nats', servers: ['nats://127.0.0.1:4222'] } };
const gateway = { http: { host: '127.0.0.1', port: 3000 } };
const problemsOf = (processes: Record<string, unknown>): string[] => {
  const auth = { bus: 'shared' };
  try {
    validateTopology(
      { buses: bus, processes: { main: gateway, auth, ...processes }, modules: { billing: { process: 'billing' } } },
      'test.json',
    );
    return [];
  } catch (error) {
    return (error as ConfigurationError).problems;
  }
};
const startProblems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    checkReplicaDatabases(loadTopology({ TOPOLOGY: 'nats-replicas', ...env }, repoRoot), readPlatformConfig(env));
    return [];
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return error.problems;
  }
};

describe('replicas of a process (ADR 0028)', () => {
  it('defaults to one replica and reads the number from the topology', () => {
    const topology = loadTopology({ TOPOLOGY: 'nats-replicas', PROCESS: 'billing' }, repoRoot);
    expect(topology.replicasOf('billing')).toBe(2);
    expect(topology.replicasOf('notification')).toBe(1);
    expect(topology.replica).toBe(1);
  });

  it('accepts several replicas of a process on a bus', () => {
    expect(problemsOf({ billing: { bus: 'shared', replicas: 3 } })).toEqual([]);
  });

  it.each([0, 1.5, '2', -1])('names the key when replicas is %p', (replicas) => {
    expect(problemsOf({ billing: { bus: 'shared', replicas } })).toEqual([
      `processes.billing.replicas must be an integer of at least 1 (got ${JSON.stringify(replicas)})`,
    ]);
  });

  it('refuses replicas of a process reached over a TCP address, which two processes cannot share', () => {
    const listen = { transport: 'tcp', host: '127.0.0.1', port: 4002 };
    expect(problemsOf({ billing: { listen, replicas: 2 } })).toEqual([
      expect.stringMatching(/^processes\.billing\.replicas is 2 but processes\.billing is on no bus: .*set processes\.billing\.bus/),
    ]);
  });

  it('refuses to start a replicated process whose module would be on SQLite, saying which URL to set', () => {
    expect(startProblems({ PROCESS: 'billing' })).toEqual([
      expect.stringMatching(/^BILLING_DATABASE_URL must be set: processes\.billing\.replicas is 2 in topology nats-replicas/),
    ]);
  });

  it('starts a replicated process whose modules are on PostgreSQL, and a single process on SQLite', () => {
    expect(startProblems({ PROCESS: 'billing', BILLING_DATABASE_URL: 'postgres://localhost/archipelago' })).toEqual([]);
    expect(startProblems({ PROCESS: 'notification' })).toEqual([]);
  });
});

describe('replicas of the process serving HTTP (ADR 0030)', () => {
  it('gives replica n of the gateway the port http.port + n - 1, chosen by REPLICA', () => {
    const first = loadTopology({ TOPOLOGY: 'nats-replicas', PROCESS: 'main' }, repoRoot);
    const second = loadTopology({ TOPOLOGY: 'nats-replicas', PROCESS: 'main', REPLICA: '2' }, repoRoot);
    expect([first.replica, first.http]).toEqual([1, { host: '127.0.0.1', port: 3000 }]);
    expect([second.replica, second.http]).toEqual([2, { host: '127.0.0.1', port: 3001 }]);
  });

  it.each(['0', '3', 'two'])('names REPLICA and its range when REPLICA is %p', (replica) => {
    expect(() => loadTopology({ TOPOLOGY: 'nats-replicas', PROCESS: 'main', REPLICA: replica }, repoRoot)).toThrow(
      `REPLICA="${replica}" must be a whole number from 1 to 2: processes.main.replicas is 2`,
    );
  });

  it('accepts several gateways that host no module, on no bus', () => {
    expect(problemsOf({ main: { ...gateway, replicas: 3 }, billing: { bus: 'shared' } })).toEqual([]);
  });

  it('refuses a replicated gateway whose replicas would bind a port another process binds, naming both keys', () => {
    const listen = { transport: 'tcp', host: '127.0.0.1', port: 3001 };
    expect(problemsOf({ main: { ...gateway, replicas: 2 }, billing: { listen } })).toEqual([
      'processes.billing.listen.port and processes.main.http.port (replica 2 of 2: port + 1) both bind 127.0.0.1:3001: give one of them another port',
    ]);
  });

  it('refuses a replicated gateway whose last port would be past 65535', () => {
    expect(problemsOf({ main: { http: { host: '127.0.0.1', port: 65535 }, replicas: 2 }, billing: { bus: 'shared' } })).toEqual([
      'processes.main.replicas is 2: its replicas listen on processes.main.http.port 65535 to 65536, past 65535',
    ]);
  });

  it('refuses a replicated monolith: a process that serves HTTP and hosts modules on no bus', () => {
    const monolith = { processes: { main: { ...gateway, replicas: 2 } }, modules: { auth: { process: 'main' } } };
    expect(() => validateTopology(monolith, 'test.json')).toThrow(
      /processes\.main\.replicas is 2 and processes\.main hosts auth on no bus: set processes\.main\.bus/,
    );
  });

  it('refuses to start replicated gateways on SQLite, saying to set GATEWAY_DATABASE_URL for the saga log', () => {
    expect(startProblems({ PROCESS: 'main' })).toEqual([
      expect.stringMatching(/^GATEWAY_DATABASE_URL must be set: processes\.main\.replicas is 2 in topology nats-replicas/),
    ]);
    expect(startProblems({ PROCESS: 'main', GATEWAY_DATABASE_URL: 'postgres://localhost/archipelago' })).toEqual([]);
  });
});
