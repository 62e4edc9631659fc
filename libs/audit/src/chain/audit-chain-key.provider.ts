import { Logger, Provider } from '@nestjs/common';
import { AUDIT_CONFIG, AuditConfig } from '../audit.config';
import { AuditChainKey } from './audit-chain-key';
import { CHAIN_KEY_VARIABLE, createChainKeyFileIfMissing, readChainKeyFile } from './chain-key-file';

/**
 * The chain key, read once at start. With AUDIT_CHAIN_KEY_FILE unset (never in production, which
 * refuses to start without it) a development key is created under DATA_DIR, with a warning.
 */
export const auditChainKeyProvider: Provider = {
  provide: AuditChainKey,
  useFactory: (config: AuditConfig) => {
    if (config.developmentKey) {
      const created = createChainKeyFileIfMissing(config.chainKeyFile);
      new Logger('AuditChainKey').warn(
        `${CHAIN_KEY_VARIABLE} is not set: ${created ? 'created' : 'using'} the development audit chain key ${config.chainKeyFile}. ` +
          `Anyone who can read it can re-seal a tampered audit log; set ${CHAIN_KEY_VARIABLE} to a key kept away from DATA_DIR.`,
      );
    }
    return new AuditChainKey(readChainKeyFile(config.chainKeyFile));
  },
  inject: [AUDIT_CONFIG],
};
