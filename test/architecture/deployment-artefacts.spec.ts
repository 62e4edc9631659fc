import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComposeFile } from '../../scripts/deploy/compose-model';
import { loadDeploymentTopology, REPO_ROOT } from '../../scripts/deploy/deployment-topology';
import { renderDeployment, writeDeployment } from '../../scripts/deploy/generate-deployment';

interface TopologyFile {
  processes: Record<string, { http?: { port: number }; listen?: { port: number }; replicas?: number }>;
  modules: Record<string, { process: string }>;
}

const readTopologyFile = (name: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'config', 'topologies', `${name}.json`), 'utf8')) as TopologyFile;

/** The compose file is JSON under one YAML comment line. */
const parseCompose = (text: string) => JSON.parse(text.replace(/^#.*\n/gm, '')) as ComposeFile;

describe.each(['monolith', 'all-remote'])('npm run deploy:generate -- %s', (name) => {
  const file = readTopologyFile(name);
  const processes = Object.keys(file.processes);
  const moduleHosts = new Set(Object.values(file.modules).map((placement) => placement.process));
  const out = mkdtempSync(join(tmpdir(), `deploy-${name}-`));
  writeDeployment(loadDeploymentTopology(name), out);
  const compose = parseCompose(readFileSync(join(out, 'compose.yaml'), 'utf8'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes one service per process, each told its TOPOLOGY and PROCESS, in production', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...processes].sort());
    for (const processName of processes) {
      expect(compose.services[processName].environment).toMatchObject({ TOPOLOGY: name, PROCESS: processName, NODE_ENV: 'production' });
    }
  });

  it('publishes ports exactly for the processes that serve HTTP', () => {
    for (const [processName, spec] of Object.entries(file.processes)) {
      expect(compose.services[processName].ports).toEqual(spec.http ? [`${spec.http.port}:${spec.http.port}`] : undefined);
    }
  });

  it('binds each process on 0.0.0.0 and points it at every peer by service name', () => {
    for (const [processName, spec] of Object.entries(file.processes)) {
      const environment = compose.services[processName].environment;
      if (spec.http) expect(environment[`TOPOLOGY__processes__${processName}__http__host`]).toBe('0.0.0.0');
      for (const [peer, peerSpec] of Object.entries(file.processes)) {
        const expected = !peerSpec.listen ? undefined : peer === processName ? '0.0.0.0' : peer;
        expect(environment[`TOPOLOGY__processes__${peer}__listen__host`]).toBe(expected);
      }
    }
  });

  it('gives every process a data volume of its own', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(processes.map((processName) => `${processName}-data`).sort());
    for (const processName of processes) {
      expect(compose.services[processName].volumes[0]).toBe(`${processName}-data:/data`);
      // its own folder of module keys, read-only, where other processes take part (ADR 0022)
      expect(compose.services[processName].volumes.slice(1)).toEqual(
        processes.length > 1 ? [expect.stringMatching(new RegExp(`^\\$\\{KEYS_ROOT:\\?.*\\}/${processName}:/keys:ro$`))] : [],
      );
      expect(compose.services[processName].environment.DATA_DIR).toBe('/data');
    }
  });

  it('starts HTTP processes once the module hosts they call are healthy', () => {
    for (const [processName, spec] of Object.entries(file.processes)) {
      const peers = spec.http ? [...moduleHosts].filter((host) => host !== processName && !file.processes[host].http) : [];
      expect(Object.keys(compose.services[processName].depends_on ?? {}).sort()).toEqual(peers.sort());
      for (const peer of peers)
        expect(compose.services[peer].healthcheck?.test.join(' ')).toContain(`connect(${file.processes[peer].listen?.port}`);
      if (spec.http) expect(compose.services[processName].healthcheck?.test.join(' ')).toContain(`:${spec.http.port}/health`);
    }
  });

  it('asks for secrets and never holds one', () => {
    for (const service of Object.values(compose.services)) {
      expect(service.environment.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(service.environment.KEYS_DIR).toBe(processes.length > 1 ? '/keys' : undefined);
    }
    const auditHost = file.modules.audit.process;
    expect(compose.services[auditHost].secrets).toEqual(['audit_chain_key']);
    expect(compose.secrets?.audit_chain_key.file).toMatch(/^\$\{AUDIT_CHAIN_KEY_FILE:\?/);
  });

  it('builds one multi-stage image that runs the program as a non-root user', () => {
    const dockerfile = readFileSync(join(out, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/FROM node:20-bookworm AS build[\s\S]*python3 make g\+\+[\s\S]*npm run build/);
    expect(dockerfile).toMatch(/FROM node:20-bookworm-slim AS runtime[\s\S]*NODE_ENV=production[\s\S]*USER node/);
    expect(dockerfile).toContain('CMD ["node", "dist/apps/server/src/main.js"]');
  });

  it(`matches what is committed in deploy/${name} (regenerate with npm run deploy:generate -- ${name})`, () => {
    const committed = join(REPO_ROOT, 'deploy', name);
    for (const [fileName, content] of renderDeployment(loadDeploymentTopology(name), committed)) {
      expect(`${fileName}:\n${readFileSync(join(committed, fileName), 'utf8')}`).toBe(`${fileName}:\n${content}`);
    }
  });
});

describe('npm run deploy:generate -- nats-replicas: one service per replica (ADR 0030)', () => {
  const name = 'nats-replicas';
  const file = readTopologyFile(name);
  const out = mkdtempSync(join(tmpdir(), `deploy-${name}-`));
  writeDeployment(loadDeploymentTopology(name), out);
  const compose = parseCompose(readFileSync(join(out, 'compose.yaml'), 'utf8'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  /** [service, process, replica] for every process started, in the topology's order. */
  const instances = Object.entries(file.processes).flatMap(([processName, spec]) =>
    Array.from(
      { length: spec.replicas ?? 1 },
      (_, index) => [spec.replicas ? `${processName}-${index + 1}` : processName, processName, index + 1] as const,
    ),
  );

  it('writes a service per replica, <process>-<n>, each told its PROCESS and REPLICA, and one per bus', () => {
    expect(instances.filter(([service]) => service.startsWith('main'))).toEqual([
      ['main-1', 'main', 1],
      ['main-2', 'main', 2],
    ]);
    expect(Object.keys(compose.services).sort()).toEqual([...instances.map(([service]) => service), 'nats-shared'].sort());
    for (const [service, processName, replica] of instances) {
      expect(compose.services[service].environment).toMatchObject({ TOPOLOGY: name, PROCESS: processName });
      expect(compose.services[service].environment.REPLICA).toBe(file.processes[processName].replicas ? String(replica) : undefined);
      expect(compose.services[service].volumes[0]).toBe(`${service}-data:/data`);
    }
  });

  it('publishes each gateway replica on its own port, http.port + n - 1, and checks its health there', () => {
    for (const [service, processName, replica] of instances) {
      const http = file.processes[processName].http;
      const port = http && http.port + replica - 1;
      expect(compose.services[service].ports).toEqual(port ? [`${port}:${port}`] : undefined);
      if (port) expect(compose.services[service].healthcheck?.test.join(' ')).toContain(`:${port}/health`);
    }
  });

  it('asks every replica for the PostgreSQL databases it shares with its other replicas, never holding one', () => {
    const urls = (service: string) => Object.keys(compose.services[service].environment).filter((key) => key.endsWith('_DATABASE_URL'));
    expect(urls('main-2')).toEqual(['GATEWAY_DATABASE_URL']);
    expect(urls('auth-1')).toEqual(['AUTH_DATABASE_URL']);
    expect(urls('billing-2')).toEqual(['BILLING_DATABASE_URL']);
    expect(urls('notification')).toEqual([]);
    expect(compose.services['billing-1'].environment.BILLING_DATABASE_URL).toMatch(
      /^\$\{BILLING_DATABASE_URL:\?set BILLING_DATABASE_URL: /,
    );
  });

  it('starts the gateways after every replica of the module hosts', () => {
    const hosts = instances.filter(([, processName]) => !file.processes[processName].http).map(([service]) => service);
    for (const gateway of ['main-1', 'main-2'])
      expect(Object.keys(compose.services[gateway].depends_on ?? {}).sort()).toEqual(hosts.sort());
  });

  it(`matches what is committed in deploy/${name} (regenerate with npm run deploy:generate -- ${name})`, () => {
    const committed = join(REPO_ROOT, 'deploy', name);
    for (const [fileName, content] of renderDeployment(loadDeploymentTopology(name), committed)) {
      expect(`${fileName}:\n${readFileSync(join(committed, fileName), 'utf8')}`).toBe(`${fileName}:\n${content}`);
    }
  });
});

describe('deploy:generate refuses', () => {
  it('a path instead of a topology name, saying what to give', () => {
    expect(() => loadDeploymentTopology('config/topologies/monolith.json')).toThrow(/give a name under config\/topologies\//);
  });

  it('an unknown topology, with the kernel’s message', () => {
    expect(() => loadDeploymentTopology('no-such-topology')).toThrow(/no topology file at/);
  });
});
