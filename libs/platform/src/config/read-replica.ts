import { ConfigurationError } from './configuration.error';
import { TopologySpec } from './topology';

/**
 * `REPLICA`: which copy of a replicated process this one is, 1 to `processes.<p>.replicas`
 * (default 1). Only the process serving HTTP needs it, to find its own port (ADR 0030); `npm run up`,
 * the deploy files and the test harness set it for every replica.
 */
export function readReplica(env: NodeJS.ProcessEnv, spec: TopologySpec, processName: string): number {
  const raw = env.REPLICA;
  if (raw === undefined || raw === '') return 1;
  const replicas = spec.processes[processName].replicas ?? 1;
  const replica = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (replica >= 1 && replica <= replicas) return replica;
  throw new ConfigurationError('REPLICA', [
    `REPLICA="${raw}" must be a whole number from 1 to ${replicas}: processes.${processName}.replicas is ${replicas}`,
  ]);
}
