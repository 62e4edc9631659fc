import type { Topology } from '@app/platform';
import { ComposeService } from './compose-model';

/** Where each container keeps its SQLite files: a named volume of its own. */
export const DATA_MOUNT = '/data';
export const IMAGE = 'archipelago';
export const AUDIT_KEY_SECRET = 'audit_chain_key';

/** What production refuses to start without (platform-config.ts). Values come from whoever deploys, never from here. */
const SECRETS_OF_EVERY_PROCESS: Record<string, string> = {
  JWT_SECRET: '${JWT_SECRET:?set JWT_SECRET: at least 32 characters, the same for every process}',
};

/** Where a process finds its module keys (ADR 0022): its own folder of the operator's key directory, read-only. */
export const KEYS_MOUNT = '/keys';
const KEYS_ROOT = '${KEYS_ROOT:?set KEYS_ROOT: one folder per process, each with its modules\' .key files and every module\'s .pub (npm run keys:generate)}';

/** The Compose service of a bus's NATS server. */
export const brokerServiceOf = (bus: string) => `nats-${bus}`;

/** Core NATS (no JetStream): the kernel needs requests, replies and queue groups only (ADR 0025). */
export function brokerService(): ComposeService {
  return { image: 'nats:2.10', command: ['--port', '4222'], environment: {}, volumes: [], expose: ['4222'], restart: 'unless-stopped' };
}

export interface BuildLocation {
  /** The repository root, relative to the compose file. */
  context: string;
  /** The Dockerfile, relative to the repository root. */
  dockerfile: string;
}

/** A process's service: its name, or `<process>-<n>` for replica n of a replicated one (Compose allows no `#`). */
export function serviceOf(view: Topology, processName = view.processName, replica = view.replica): string {
  return view.replicasOf(processName) === 1 ? processName : `${processName}-${replica}`;
}

/** Every service of a process: one, or one per replica. */
const servicesOf = (view: Topology, processName: string): string[] =>
  Array.from({ length: view.replicasOf(processName) }, (_, index) => serviceOf(view, processName, index + 1));

/**
 * One container per process of the topology (per replica of a replicated one). A single `listen.host` serves a process both to
 * bind and to be reached, and each container loads the topology with its own environment: the
 * process itself binds 0.0.0.0, every peer reaches it by its service name.
 */
export function processService(view: Topology, build: BuildLocation): ComposeService {
  const self = view.self;
  const hostsAudit = view.hostedModules.includes('audit');
  const peers = [...new Set(view.remoteModules.map((module) => view.processOf(module)))];
  // A process that listens has a healthcheck; one on a bus is healthy once its broker is: wait for it to start.
  const dependencies: [string, 'service_healthy' | 'service_started'][] = [
    ...peers
      .filter((peer) => self.http && !view.spec.processes[peer].http)
      .flatMap((peer) => servicesOf(view, peer).map((service) => [service, view.spec.processes[peer].listen ? 'service_healthy' : 'service_started'] as [string, 'service_healthy' | 'service_started'])),
    ...(self.bus ? [[brokerServiceOf(self.bus), 'service_started'] as [string, 'service_started']] : []),
  ];
  return {
    image: IMAGE,
    build,
    environment: environmentOf(view),
    volumes: [`${serviceOf(view)}-data:${DATA_MOUNT}`, ...(hasPeers(view) ? [`${KEYS_ROOT}/${view.processName}:${KEYS_MOUNT}:ro`] : [])],
    ...(view.http ? { ports: [`${view.http.port}:${view.http.port}`] } : {}),
    ...(self.listen ? { expose: [String(self.listen.port)] } : {}),
    ...(hostsAudit ? { secrets: [AUDIT_KEY_SECRET] } : {}),
    ...(dependencies.length > 0
      ? { depends_on: Object.fromEntries(dependencies.map(([peer, condition]) => [peer, { condition }])) }
      : {}),
    ...healthcheckOf(view),
    restart: 'unless-stopped',
    stop_grace_period: '15s',
  };
}

/** A process that talks to other processes signs and checks envelopes: it needs keys. A monolith does not. */
const hasPeers = (view: Topology) => Object.keys(view.spec.processes).length > 1;

function environmentOf(view: Topology): Record<string, string> {
  const environment: Record<string, string> = {
    NODE_ENV: 'production',
    TOPOLOGY: view.name,
    PROCESS: view.processName,
    DATA_DIR: DATA_MOUNT,
    ...SECRETS_OF_EVERY_PROCESS,
    ...(hasPeers(view) ? { KEYS_DIR: KEYS_MOUNT } : {}),
    ...replicaSettings(view),
  };
  const prefix = (processName: string) => `TOPOLOGY__processes__${processName}`;
  if (view.self.http) environment[`${prefix(view.processName)}__http__host`] = '0.0.0.0';
  for (const [processName, spec] of Object.entries(view.spec.processes)) {
    if (!spec.listen) continue;
    environment[`${prefix(processName)}__listen__host`] = processName === view.processName ? '0.0.0.0' : processName;
  }
  for (const bus of Object.keys(view.spec.buses ?? {})) environment[`TOPOLOGY__buses__${bus}__servers`] = `nats://${brokerServiceOf(bus)}:4222`;
  if (view.hostedModules.includes('auth')) Object.assign(environment, { ADMIN_EMAIL: '${ADMIN_EMAIL:-}', ADMIN_PASSWORD: '${ADMIN_PASSWORD:-}' });
  if (view.hostedModules.includes('audit')) environment.AUDIT_CHAIN_KEY_FILE = `/run/secrets/${AUDIT_KEY_SECRET}`;
  return environment;
}

/**
 * A replica is told which one it is (the gateway's port depends on it), and asks for the PostgreSQL
 * database each of its modules — and the gateway's saga log — shares with its other replicas.
 */
function replicaSettings(view: Topology): Record<string, string> {
  const replicas = view.replicasOf(view.processName);
  if (replicas === 1) return {};
  const owners = [...view.hostedModules, ...(view.self.http ? ['gateway'] : [])].map((owner) => `${owner.toUpperCase()}_DATABASE_URL`);
  const why = `processes.${view.processName}.replicas is ${replicas}: its replicas share one PostgreSQL database`;
  return { REPLICA: String(view.replica), ...Object.fromEntries(owners.map((url) => [url, `\${${url}:?set ${url}: ${why}}`])) };
}

/** HTTP processes answer GET /health; a process that only listens is healthy once its TCP port accepts. */
function healthcheckOf(view: Topology): Pick<ComposeService, 'healthcheck'> {
  const { http } = view;
  const { listen } = view.self;
  const probe = http
    ? `fetch('http://127.0.0.1:${http.port}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`
    : listen
      ? `require('node:net').connect(${listen.port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`
      : undefined;
  if (!probe) return {};
  return { healthcheck: { test: ['CMD', 'node', '-e', probe], interval: '5s', timeout: '3s', retries: 12, start_period: '10s' } };
}
