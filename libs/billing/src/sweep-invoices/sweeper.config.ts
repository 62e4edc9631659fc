import { ConfigurationError, integerAtLeast } from '@app/platform';
import { Provider } from '@nestjs/common';

/** The invoice sweeper's settings, read from the environment once, at start. */
export interface SweeperConfig {
  /** How often the sweeper runs; 0 turns it off. */
  intervalMs: number;
  /** An `open` or `abandoned` invoice older than this has nobody settling it any more. */
  staleAfterMs: number;
}

export const SWEEPER_CONFIG = Symbol('BILLING_SWEEPER_CONFIG');

export function readSweeperConfig(env: NodeJS.ProcessEnv): SweeperConfig {
  const problems: string[] = [];
  const config: SweeperConfig = {
    intervalMs: integerAtLeast(0, env, 'BILLING_SWEEP_INTERVAL_MS', 10_000, problems),
    staleAfterMs: integerAtLeast(1000, env, 'BILLING_STALE_INVOICE_MS', 15 * 60_000, problems),
  };
  if (problems.length > 0) throw new ConfigurationError('billing environment', problems);
  return config;
}

export const sweeperConfigProvider: Provider = { provide: SWEEPER_CONFIG, useFactory: () => readSweeperConfig(process.env) };
