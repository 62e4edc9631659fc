import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPostgres } from '../../../scripts/postgres/local-postgres';
// The set-up a user runs (`npm run postgres:roles`), run here too: tests connect as users do.
import { moduleDatabaseUrls, SCHEMA_OWNERS, setUpModuleRoles } from '../../../scripts/postgres/module-roles';

/**
 * Who may log in how: the superuser without a password, every other role over TCP only with its
 * password — so a module role's URL is proven to carry the right one.
 */
const PG_HBA = ['local all all trust', 'host all postgres 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n');

/**
 * A throwaway PostgreSQL 15 cluster on loopback, in a temporary directory that `stop()` removes.
 * Starting and stopping is `npm run up`'s own LocalPostgres, without fsync. Once started, it has a
 * login role per module, each owning only its own schema (`setUpModuleRoles`, ADR 0031):
 * `moduleUrls()` are the URLs modules connect with, `url` is the superuser's — the auditor's view,
 * for a spec's own reconciliation SQL.
 */
export class PostgresCluster {
  private readonly dir = mkdtempSync(join(tmpdir(), 'archipelago-pg-'));
  private readonly server: LocalPostgres;
  private readonly passwords = Object.fromEntries(SCHEMA_OWNERS.map((module) => [module, randomBytes(12).toString('hex')]));

  constructor(readonly port: number) {
    this.server = new LocalPostgres(this.dir, port);
  }

  static isInstalled(): boolean {
    return LocalPostgres.isInstalled();
  }

  /** The superuser's URL: sees every schema. */
  get url(): string {
    return this.server.url;
  }

  /**
   * Each module's own role, keyed by variable (`AUTH_DATABASE_URL`, …, `GATEWAY_DATABASE_URL`).
   * Known before `start()`, so a spec can build its processes' environment up front.
   */
  moduleUrls(): Record<string, string> {
    return moduleDatabaseUrls(this.url, this.passwords);
  }

  async start(): Promise<void> {
    this.server.initialise();
    writeFileSync(join(this.dir, 'data', 'pg_hba.conf'), PG_HBA);
    this.server.start(['fsync=off']);
    await setUpModuleRoles(this.url, { passwords: this.passwords });
  }

  stop(): void {
    this.server.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
