import { CALLER_NAMES } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { ConfigurationError } from '../config/configuration.error';
import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { EnvelopeKeys } from './envelope-keys';
import { generateKeySetOnce } from './generate-key-set';
import { loadKeySet } from './load-key-set';

/**
 * The keys this process signs and checks envelopes with (ADR 0022), read once at start. A process
 * with no peer in another process (the monolith) needs none. In development a missing key set is
 * generated in `KEYS_DIR` (default `<DATA_DIR>/keys`) on first start; in production `KEYS_DIR`
 * must hold the hosted callers' private keys and the peers' public keys, or the process stops.
 */
export function loadEnvelopeKeys(topology: Topology, config: PlatformConfig, logger = new Logger('ModuleIdentity')): EnvelopeKeys {
  const hosted = topology.hostedCallers;
  const peers = topology.remoteCallers;
  if (hosted.length === 0 || peers.length === 0) return EnvelopeKeys.none();
  if (!config.keysDir) {
    throw new ConfigurationError('environment', [
      `KEYS_DIR is required when NODE_ENV=production and other processes take part: it must hold ${hosted.map((c) => `${c}.key`).join(', ')} ` +
        `and ${peers.map((c) => `${c}.pub`).join(', ')} (npm run keys:generate -- --dir <path>)`,
    ]);
  }
  const dir = resolve(config.keysDir);
  if (!config.production && generateKeySetOnce(dir, CALLER_NAMES)) {
    logger.warn(
      `generated a DEVELOPMENT key set in ${dir}: any process on this machine that can read it can speak as any module. ` +
        'In production set NODE_ENV=production and give each process a KEYS_DIR with only the private keys of the modules it hosts ' +
        '(npm run keys:generate).',
    );
  } else if (!config.production) {
    logger.warn(`development mode: using the key set in ${dir} (ADR 0022)`);
  }
  return new EnvelopeKeys(loadKeySet(dir, hosted, peers));
}
