import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A throwaway PostgreSQL 15 cluster on loopback, run as the `postgres` user, trust auth.
 * The tests that use it prove the kernel's PostgreSQL path (schema per module) for real.
 */
export class PostgresCluster {
  private readonly dir = mkdtempSync(join(tmpdir(), 'archipelago-pg-'));

  constructor(readonly port: number) {}

  static isInstalled(): boolean {
    return existsSync(join(BIN, 'initdb'));
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    chownSync(this.dir, uid('postgres'), uid('postgres', 'g'));
    this.asPostgres('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres']);
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-o', options, '-l', join(this.dir, 'log'), '-w', 'start']);
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
