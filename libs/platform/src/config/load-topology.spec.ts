import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from './configuration.error';
import { loadTopology } from './load-topology';
import { validateTopology } from './validate-topology';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const problemsOf = (raw: unknown): string[] => {
  try {
    validateTopology(raw, 'test.json');
    return [];
  } catch (error) {
    return (error as ConfigurationError).problems;
  }
};

describe('topology configuration', () => {
  const shipped = readdirSync(join(repoRoot, 'config', 'topologies')).map((file) => file.replace('.json', ''));

  it.each(shipped)('the shipped topology %s is valid for each of its processes', (name) => {
    const topology = loadTopology({ TOPOLOGY: name }, repoRoot);
    for (const processName of Object.keys(topology.spec.processes)) {
      expect(loadTopology({ TOPOLOGY: name, PROCESS: processName }, repoRoot).processName).toBe(processName);
    }
  });

  it('names the key and the fix when a module is placed in an unknown process', () => {
    const problems = problemsOf({
      processes: { main: { http: { host: '127.0.0.1', port: 3000 } } },
      modules: { auth: { process: 'auht' } },
    });
    expect(problems).toEqual([expect.stringContaining('modules.auth.process must name one of the processes (main); got "auht"')]);
  });

  it('requires a listener on every process that hosts modules when there are several', () => {
    const problems = problemsOf({
      processes: { main: { http: { host: '127.0.0.1', port: 3000 } }, auth: {} },
      modules: { auth: { process: 'auth' } },
    });
    expect(problems).toEqual([expect.stringContaining('processes.auth.listen (TCP) or processes.auth.bus is required')]);
  });

  it('rejects unknown modules, transports and ports out of range', () => {
    const problems = problemsOf({
      processes: {
        main: { http: { host: '127.0.0.1', port: 70000 }, listen: { transport: 'carrier-pigeon', host: '127.0.0.1', port: 1 } },
      },
      modules: { payroll: { process: 'main' } },
    });
    expect(problems).toEqual([
      expect.stringContaining('processes.main.http.port must be an integer port'),
      expect.stringContaining('processes.main.listen.transport must be "tcp"'),
      expect.stringContaining('modules.payroll is not a module of Archipelago'),
    ]);
  });

  it('lets one key be overridden from the environment', () => {
    const topology = loadTopology({ TOPOLOGY: 'auth-remote', PROCESS: 'auth', TOPOLOGY__processes__auth__listen__port: '5101' }, repoRoot);
    expect(topology.routeOf('auth')).toEqual({ transport: 'tcp', host: '127.0.0.1', port: 5101 });
  });

  it('splits an override of a list on commas, so the servers of a bus can be moved from the environment', () => {
    const servers = 'nats://127.0.0.1:5222, nats://127.0.0.2:5222';
    const topology = loadTopology({ TOPOLOGY: 'nats-all-remote', PROCESS: 'auth', TOPOLOGY__buses__shared__servers: servers }, repoRoot);
    expect(topology.routeOf('auth')).toEqual({
      bus: 'shared',
      transport: 'nats',
      servers: ['nats://127.0.0.1:5222', 'nats://127.0.0.2:5222'],
    });
  });

  it('refuses an override whose path is misspelt, instead of ignoring it', () => {
    expect(() => loadTopology({ TOPOLOGY: 'auth-remote', TOPOLOGY__proceses__auth__listen__port: '5101' }, repoRoot)).toThrow(
      /proceses is not a known key \(use "processes", "modules", "buses" or "\$comment"\)/,
    );
    expect(() => loadTopology({ TOPOLOGY: 'auth-remote', TOPOLOGY__modules__auth__proces: 'main' }, repoRoot)).toThrow(
      /modules\.auth\.proces is not a known key \(use "process"\)/,
    );
  });

  it('says which PROCESS values exist when the one given does not', () => {
    expect(() => loadTopology({ TOPOLOGY: 'auth-remote', PROCESS: 'billing' }, repoRoot)).toThrow(
      /PROCESS="billing" is not a process .* \(known: main, auth\)/,
    );
  });

  it('says where it looked when the topology file does not exist', () => {
    expect(() => loadTopology({ TOPOLOGY: 'nowhere' }, repoRoot)).toThrow(/no topology file at .*config\/topologies\/nowhere\.json/);
  });
});
