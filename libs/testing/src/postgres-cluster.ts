import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPostgres } from '../../../scripts/postgres/local-postgres';

/**
 * A throwaway PostgreSQL 15 cluster on loopback, trust auth, in a temporary directory that
 * `stop()` removes. The tests that use it prove the kernel's PostgreSQL path (schema per module)
 * for real. Starting and stopping is `npm run up`'s own LocalPostgres, without fsync.
 */
export class PostgresCluster {
  private readonly dir = mkdtempSync(join(tmpdir(), 'archipelago-pg-'));
  private readonly server: LocalPostgres;

  constructor(readonly port: number) {
    this.server = new LocalPostgres(this.dir, port);
  }

  static isInstalled(): boolean {
    return LocalPostgres.isInstalled();
  }

  get url(): string {
    return this.server.url;
  }

  start(): void {
    this.server.initialise();
    this.server.start(['fsync=off']);
  }

  stop(): void {
    this.server.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
