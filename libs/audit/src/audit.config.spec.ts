import { resolve } from 'node:path';
import { readAuditConfig } from './audit.config';

const development = { dataDir: '/srv/data', production: false };

describe('readAuditConfig', () => {
  it('development: the key and the checkpoints go under DATA_DIR, checkpointed every minute', () => {
    expect(readAuditConfig({}, development)).toEqual({
      chainKeyFile: '/srv/data/audit-chain.key',
      developmentKey: true,
      checkpointFile: '/srv/data/audit-checkpoints.jsonl',
      checkpointIntervalMs: 60_000,
    });
  });

  it('reads the key file, the checkpoint file and the interval from the environment', () => {
    const env = { AUDIT_CHAIN_KEY_FILE: '/etc/audit/chain.key', AUDIT_CHECKPOINT_FILE: 'cp.jsonl', AUDIT_CHECKPOINT_INTERVAL_MS: '250' };

    expect(readAuditConfig(env, development)).toEqual({
      chainKeyFile: '/etc/audit/chain.key',
      developmentKey: false,
      checkpointFile: resolve('cp.jsonl'),
      checkpointIntervalMs: 250,
    });
  });

  it('production refuses to start without AUDIT_CHAIN_KEY_FILE', () => {
    expect(() => readAuditConfig({}, { ...development, production: true })).toThrow(
      'AUDIT_CHAIN_KEY_FILE is required when NODE_ENV=production',
    );
  });

  it.each([
    [{ AUDIT_CHECKPOINT_INTERVAL_MS: '0' }, 'AUDIT_CHECKPOINT_INTERVAL_MS must be a positive integer (got "0")'],
    [{ AUDIT_CHECKPOINT_FILE: '/srv/data/audit.sqlite' }, 'must not be the audit database'],
    [{ AUDIT_CHECKPOINT_FILE: '/k', AUDIT_CHAIN_KEY_FILE: '/k' }, 'AUDIT_CHECKPOINT_FILE must not be the chain key file'],
  ])('%j is refused: %s', (env, message) => {
    expect(() => readAuditConfig(env, development)).toThrow(message);
  });
});
