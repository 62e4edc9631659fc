import { ConfigurationError, integerAtLeast, PLATFORM_CONFIG, PlatformConfig } from '@app/platform';
import { Provider } from '@nestjs/common';
import { join, resolve } from 'node:path';
import { CHAIN_KEY_VARIABLE } from './chain/chain-key-file';

/** The audit module's settings, read from the environment once, at start (ADR 0024). */
export interface AuditConfig {
  /** The file holding the audit chain key, never the audit database. */
  chainKeyFile: string;
  /** True when AUDIT_CHAIN_KEY_FILE is unset (development): the key file is created under DATA_DIR. */
  developmentKey: boolean;
  /** JSON lines of signed checkpoints of the chain's head, outside the audit database. */
  checkpointFile: string;
  /** How often the head is checkpointed (when it moved), and once more on shutdown. */
  checkpointIntervalMs: number;
}

export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

export const DEVELOPMENT_KEY_FILE = 'audit-chain.key';
export const DEFAULT_CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/** What the audit settings depend on besides their own variables. */
export interface AuditConfigContext {
  dataDir: string;
  production: boolean;
}

export function readAuditConfig(env: NodeJS.ProcessEnv, { dataDir, production }: AuditConfigContext): AuditConfig {
  const problems: string[] = [];
  const configuredKey = env[CHAIN_KEY_VARIABLE];
  if (!configuredKey && production)
    problems.push(`${CHAIN_KEY_VARIABLE} is required when NODE_ENV=production (a file outside the audit database: openssl rand -hex 32)`);
  const config: AuditConfig = {
    chainKeyFile: resolve(configuredKey || join(dataDir, DEVELOPMENT_KEY_FILE)),
    developmentKey: !configuredKey,
    checkpointFile: resolve(env.AUDIT_CHECKPOINT_FILE || join(dataDir, DEFAULT_CHECKPOINT_FILE)),
    checkpointIntervalMs: integerAtLeast(1, env, 'AUDIT_CHECKPOINT_INTERVAL_MS', 60_000, problems),
  };
  const database = resolve(dataDir, 'audit.sqlite');
  if (config.checkpointFile === database || config.chainKeyFile === database)
    problems.push('AUDIT_CHECKPOINT_FILE and AUDIT_CHAIN_KEY_FILE must not be the audit database');
  if (config.checkpointFile === config.chainKeyFile) problems.push('AUDIT_CHECKPOINT_FILE must not be the chain key file');
  if (problems.length > 0) throw new ConfigurationError('audit environment', problems);
  return config;
}

/** The only place the module reads `process.env` (the CLI reads its own environment). */
export const auditConfigProvider: Provider = {
  provide: AUDIT_CONFIG,
  useFactory: (platform: PlatformConfig) => readAuditConfig(process.env, platform),
  inject: [PLATFORM_CONFIG],
};
