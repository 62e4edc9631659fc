import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's PostgreSQL 15 keeps initdb and pg_ctl; `POSTGRES_BIN` names another directory. */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.POSTGRES_BIN || '/usr/lib/postgresql/15/bin';
}

/**
 * A PostgreSQL cluster on this machine, in a directory of its own, listening on loopback only,
 * trust authentication, superuser `postgres`, no Unix socket. `npm run up` keeps one in a
 * topology's data directory; the tests start throwaway ones (libs/testing's PostgresCluster).
 * PostgreSQL refuses to run as root, so under root every binary runs as the `postgres` OS user.
 */
export class LocalPostgres {
  constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin = postgresBinDir(),
  ) {}

  static isInstalled(bin = postgresBinDir()): boolean {
    return existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'));
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  get logFile(): string {
    return join(this.dir, 'postgres.log');
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** Creates the cluster the first time; later calls find it and keep its data. */
  initialise(): void {
    mkdirSync(this.dir, { recursive: true });
    if (isRoot()) this.handToPostgresUser();
    if (existsSync(join(this.dataDir, 'PG_VERSION'))) return;
    this.run('initdb', ['-D', this.dataDir, '-A', 'trust', '-U', 'postgres']);
  }

  /** Starts the server, waits until it accepts connections, and returns the postmaster's pid. */
  start(settings: string[] = []): number {
    const options = [`-p ${this.port}`, "-k ''", '-c listen_addresses=127.0.0.1', ...settings.map((s) => `-c ${s}`)].join(' ');
    this.run('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', this.logFile, '-w', 'start']);
    return Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  /** Fast shutdown: open sessions are ended, the data is kept. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  private handToPostgresUser(): void {
    chownSync(this.dir, idOf('postgres', 'u'), idOf('postgres', 'g'));
    if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', this.dir]).status !== 0)
      throw new Error(
        `PostgreSQL runs as the postgres OS user (you are root), who cannot reach ${this.dir}: make its parent directories traversable (chmod o+x), or set the <MODULE>_DATABASE_URLs to a database of yours`,
      );
  }

  private run(binary: string, args: string[]): void {
    const command = isRoot() ? ['runuser', ['-u', 'postgres', '--', join(this.bin, binary), ...args]] : [join(this.bin, binary), args];
    const [file, argv] = command as [string, string[]];
    const result = spawnSync(file, argv, { cwd: this.dir, encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(
        `${binary} failed in ${this.dir} (log: ${this.logFile}): ${(result.stderr || result.stdout || String(result.error)).trim()}`,
      );
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function idOf(user: string, kind: 'u' | 'g'): number {
  return Number(
    execFileSync('id', [`-${kind}`, user])
      .toString()
      .trim(),
  );
}
