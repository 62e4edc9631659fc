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
    expect(topology.replicasOf('auth')).toBe(1);
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

  it('refuses replicas of the process serving HTTP', () => {
    expect(problemsOf({ billing: { bus: 'shared', replicas: 2, ...gateway } })).toEqual([
      expect.stringMatching(/^processes\.billing\.replicas is 2 but processes\.billing serves HTTP/),
    ]);
  });

  it('refuses to start a replicated process whose module would be on SQLite, saying which URL to set', () => {
    expect(startProblems({ PROCESS: 'billing' })).toEqual([
      expect.stringMatching(/^BILLING_DATABASE_URL must be set: processes\.billing\.replicas is 2 in topology nats-replicas/),
    ]);
  });

  it('starts a replicated process whose modules are on PostgreSQL, and a single process on SQLite', () => {
    expect(startProblems({ PROCESS: 'billing', BILLING_DATABASE_URL: 'postgres://localhost/archipelago' })).toEqual([]);
    expect(startProblems({ PROCESS: 'auth' })).toEqual([]);
  });
});
