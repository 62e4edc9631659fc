import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The set-up a user runs (`npm run postgres:roles`), run here too: tests connect as users do.
import { moduleDatabaseUrls, SCHEMA_OWNERS, setUpModuleRoles } from '../../../scripts/postgres/module-roles';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * Who may log in how: the superuser (and anyone over the socket) without a password, every other
 * role over TCP only with its password — so a module role's URL is proven to carry the right one.
 */
const PG_HBA = ['local all all trust', 'host all postgres 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n');

/**
 * A throwaway PostgreSQL 15 cluster on loopback, run as the `postgres` user. Once started, it has
 * a login role per module, each owning only its own schema (`setUpModuleRoles`, ADR 0031):
 * `moduleUrls()` are the URLs modules connect with, `url` is the superuser's — the auditor's view,
 * for a spec's own reconciliation SQL.
 */
export class PostgresCluster {
  private readonly dir = mkdtempSync(join(tmpdir(), 'archipelago-pg-'));
  private readonly passwords = Object.fromEntries(SCHEMA_OWNERS.map((module) => [module, randomBytes(12).toString('hex')]));

  constructor(readonly port: number) {}

  static isInstalled(): boolean {
    return existsSync(join(BIN, 'initdb'));
  }

  /** The superuser's URL: sees every schema. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /**
   * Each module's own role, keyed by variable (`AUTH_DATABASE_URL`, …, `GATEWAY_DATABASE_URL`).
   * Known before `start()`, so a spec can build its processes' environment up front.
   */
  moduleUrls(): Record<string, string> {
    return moduleDatabaseUrls(this.url, this.passwords);
  }

  async start(): Promise<void> {
    chownSync(this.dir, uid('postgres'), uid('postgres', 'g'));
    this.asPostgres('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres']);
    writeFileSync(join(this.dir, 'data', 'pg_hba.conf'), PG_HBA);
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-o', options, '-l', join(this.dir, 'log'), '-w', 'start']);
    await setUpModuleRoles(this.url, { passwords: this.passwords });
  }

  stop(): void {
    this.asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private asPostgres(binary: string, args: string[]): void {
    execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, binary), ...args], { stdio: 'ignore', cwd: tmpdir() });
  }
}

function uid(user: string, kind: 'u' | 'g' = 'u'): number {
  return Number(
    execFileSync('id', [`-${kind}`, user])
      .toString()
      .trim(),
  );
}
