import { ConfigurationError, integerAtLeast, PLATFORM_CONFIG, PlatformConfig } from '@app/platform';
import { Provider } from '@nestjs/common';

/** How the gateway's saga log is worked on, read from the environment once, at start. */
export interface SagaConfig {
  /**
   * How long a process may work on an instance before another may take it over. Renewed before
   * every step, so it must outlast one call (`CALL_TIMEOUT_MS`).
   */
  leaseMs: number;
  /** How often unfinished instances nobody works on are looked for; 0 turns recovery off. */
  recoveryIntervalMs: number;
}

export const SAGA_CONFIG = Symbol('GATEWAY_SAGA_CONFIG');

export function readSagaConfig(env: NodeJS.ProcessEnv, callTimeoutMs: number): SagaConfig {
  const problems: string[] = [];
  const config: SagaConfig = {
    leaseMs: integerAtLeast(1000, env, 'SAGA_LEASE_MS', Math.max(30_000, 3 * callTimeoutMs), problems),
    recoveryIntervalMs: integerAtLeast(0, env, 'SAGA_RECOVERY_INTERVAL_MS', 5000, problems),
  };
  if (config.leaseMs <= callTimeoutMs) problems.push(`SAGA_LEASE_MS must be longer than CALL_TIMEOUT_MS (${callTimeoutMs})`);
  if (problems.length > 0) throw new ConfigurationError('gateway environment', problems);
  return config;
}

export const sagaConfigProvider: Provider = {
  provide: SAGA_CONFIG,
  useFactory: (platform: PlatformConfig) => readSagaConfig(process.env, platform.callTimeoutMs),
  inject: [PLATFORM_CONFIG],
};
