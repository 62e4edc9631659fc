import { join } from 'node:path';
import { LocalPostgres, postgresBinDir } from '../postgres/local-postgres';
import { setUpModuleRoles } from '../postgres/module-roles';
import { isListening } from './broker';
import { PlannedProcess, TopologyPlan } from './topology-plan';

/** The loopback port of the PostgreSQL `up` starts, unless `--postgres-port=<port>` says another. */
export const DEFAULT_POSTGRES_PORT = 15432;

/** A started PostgreSQL, as the status table and `down` see it, and the URL of each module that uses it. */
export interface StartedPostgres {
  entry: PlannedProcess & { pid: number; log: string };
  urls: Record<string, string>;
}

/**
 * The `<MODULE>_DATABASE_URL`s this run needs and the environment lacks: the modules of a
 * replicated process (its replicas share one database, ADR 0028) and, for a replicated process
 * serving HTTP, the gateway's saga log; with `--postgres`, every module and the gateway.
 */
export function missingDatabaseUrls(plan: TopologyPlan, flags: Set<string>, env: NodeJS.ProcessEnv): string[] {
  const onPostgres = flags.has('--postgres') ? plan.processes : plan.processes.filter((p) => p.process !== undefined);
  const owners = onPostgres.flatMap((p) => (p.http ? [...p.modules, 'gateway'] : p.modules));
  return [...new Set(owners)].map((owner) => `${owner.toUpperCase()}_DATABASE_URL`).filter((name) => !env[name]);
}

/** `--postgres-port=<port>`, or the default; a wrong value stops `up` with what to write instead. */
export function postgresPort(flags: Set<string>): number {
  const flag = [...flags].find((f) => f.startsWith('--postgres-port='));
  if (!flag) return DEFAULT_POSTGRES_PORT;
  const port = Number(flag.slice('--postgres-port='.length));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${flag}: give a port number, e.g. --postgres-port=5433`);
  return port;
}

/**
 * The URL each module is given: its own role, owning only its schema (`setUpModuleRoles`, ADR
 * 0031), made or brought up to date on every start; a name the set-up does not know keeps the
 * superuser's URL.
 */
export async function moduleDatabaseUrls(adminUrl: string, names: string[]): Promise<Record<string, string>> {
  const roles = await setUpModuleRoles(adminUrl);
  return Object.fromEntries(names.map((name) => [name, roles[name] ?? adminUrl]));
}

/** Creates (first time) and starts the topology's own cluster in `<data dir>/postgres`. */
export async function startPostgres(plan: TopologyPlan, names: string[], port: number): Promise<StartedPostgres> {
  const needs = `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not set`;
  if (!LocalPostgres.isInstalled())
    throw new Error(
      `${needs} and PostgreSQL 15 is not installed (no initdb in ${postgresBinDir()}): install it (apt-get install -y postgresql-15, ` +
        `or POSTGRES_BIN=<directory with initdb and pg_ctl>), or set ${names.join(', ')} to a PostgreSQL database of yours`,
    );
  if (await isListening('127.0.0.1', port))
    throw new Error(
      `${needs}, and 127.0.0.1:${port} is taken for the PostgreSQL up would start: stop what listens there, or pass --postgres-port=<port>`,
    );
  const server = new LocalPostgres(join(plan.dataDir, 'postgres'), port);
  server.initialise();
  const pid = server.start();
  const modules = names.map((name) => name.replace('_DATABASE_URL', '').toLowerCase());
  const entry = { name: 'postgres', modules, listen: server.url, postgres: true, pid, log: server.logFile };
  return { entry, urls: await moduleDatabaseUrls(server.url, names) };
}
