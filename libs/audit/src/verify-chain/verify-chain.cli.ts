import 'reflect-metadata';
import { AuditChainReport } from '@app/contracts';
import { ConfigurationError } from '@app/platform';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPEN_READONLY } from 'sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';
import { readAuditConfig } from '../audit.config';
import { AuditChainKey } from '../chain/audit-chain-key';
import { readChainKeyFile } from '../chain/chain-key-file';
import { AuditEntry } from '../database/audit-entry.entity';
import { verifyAuditLog } from './verify-audit-log';

/** Exit codes: the log verifies, tampering was found, the command could not run. */
export const EXIT = { valid: 0, tampered: 1, usage: 2 } as const;

const USAGE = `usage: npm run audit:verify -- [--data-dir DIR]

Verifies the audit log against the chain key and the latest checkpoint, without the server.
  --data-dir DIR   where audit.sqlite (and by default the key and checkpoint files) are; default $DATA_DIR or ./data
Environment: AUDIT_CHAIN_KEY_FILE, AUDIT_CHECKPOINT_FILE, AUDIT_DATABASE_URL (PostgreSQL), as the server reads them.
Exit code: 0 valid, 1 tampering found, 2 usage or configuration error.`;

class UsageError extends Error {}

/**
 * `npm run audit:verify`: the same verification as `GET /audit/verify` (verifyAuditLog), on a
 * read-only connection to the audit database, for an operator on the host — with the server
 * down, or on a copy of its files. Prints a report and returns the exit code.
 */
export async function runVerifyChainCli(args: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    print(USAGE);
    return EXIT.valid;
  }
  let dataSource: DataSource | undefined;
  try {
    const dataDir = resolve(dataDirFrom(args) ?? (env.DATA_DIR || './data'));
    const config = readAuditConfig(env, { dataDir, production: env.NODE_ENV === 'production' });
    const key = new AuditChainKey(readChainKeyFile(config.chainKeyFile));
    dataSource = await new DataSource(readOnlyOptions(dataDir, env.AUDIT_DATABASE_URL)).initialize();
    const source = dataSource;
    const report = await verifyAuditLog({ read: (work) => work(source.manager), key, checkpointFile: config.checkpointFile });
    describeReport(report, config.checkpointFile).forEach((line) => print(line));
    return report.valid ? EXIT.valid : EXIT.tampered;
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigurationError)) throw error;
    print(error.message);
    if (error instanceof UsageError) print(USAGE);
    return EXIT.usage;
  } finally {
    if (dataSource?.isInitialized) await dataSource.destroy();
  }
}

function dataDirFrom(args: string[]): string | undefined {
  const [flag, value, ...rest] = args;
  if (flag === undefined) return undefined;
  if (flag !== '--data-dir' || !value || rest.length > 0) throw new UsageError(`unexpected arguments: ${args.join(' ')}`);
  return value;
}

/** PostgreSQL in read-only transactions when AUDIT_DATABASE_URL is set, else the SQLite file opened read-only. */
function readOnlyOptions(dataDir: string, url: string | undefined): DataSourceOptions {
  const common = { name: 'audit:verify', entities: [AuditEntry], synchronize: false, migrationsRun: false, logging: false };
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new ConfigurationError('audit environment', ['AUDIT_DATABASE_URL must start with postgres://']);
    return { ...common, type: 'postgres', url, schema: 'audit', extra: { options: '-c default_transaction_read_only=on' } };
  }
  const database = join(dataDir, 'audit.sqlite');
  if (!existsSync(database)) throw new ConfigurationError('audit:verify', [`no audit database at ${database} (--data-dir or DATA_DIR)`]);
  return { ...common, type: 'sqlite', database, flags: OPEN_READONLY };
}

function describeReport(report: AuditChainReport, checkpointFile: string): string[] {
  const checkpoint = report.checkpoint;
  return [
    `audit log: ${report.valid ? 'VALID' : 'TAMPERED'}`,
    `  entries: ${report.entries} (${report.legacyEntries} legacy, unkeyed), head ${report.head || '(empty)'}`,
    checkpoint ? `  checkpoint: entry ${checkpoint.seq} at ${checkpoint.at} (${checkpointFile})` : `  checkpoint: none (${checkpointFile})`,
    ...report.problems.map((problem) => `  ${problem.kind} at entry ${problem.seq}: ${problem.detail}`),
    ...report.warnings.map((warning) => `  warning: ${warning}`),
  ];
}

if (require.main === module) {
  runVerifyChainCli(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error('audit:verify failed:', error);
      process.exitCode = EXIT.usage;
    },
  );
}
