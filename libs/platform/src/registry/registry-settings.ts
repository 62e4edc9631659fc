/** How often each process announces itself, and how long the registry waits before it forgets one (ADR 0029). */
export interface RegistrySettings {
  /** `REGISTRY_HEARTBEAT_MS`: the interval between two announcements of one process (default 1 s). */
  heartbeatMs: number;
  /** `REGISTRY_EXPIRY_MS`: an instance not heard from for this long is gone (default three beats). */
  expiryMs: number;
}

export const DEFAULT_HEARTBEAT_MS = 1000;
/** Beats an instance may miss before it is forgotten: one lost datagram or a GC pause is not a death. */
const MISSED_BEATS = 3;
/** Below this a beat costs more than it tells: hundreds of messages a second on a busy bus. */
const MIN_HEARTBEAT_MS = 100;

function integerSetting(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) problems.push(`${key} must be an integer of at least ${min} (got "${raw}")`);
  return value;
}

export function readRegistrySettings(env: NodeJS.ProcessEnv, problems: string[]): RegistrySettings {
  const heartbeatMs = integerSetting(env, 'REGISTRY_HEARTBEAT_MS', DEFAULT_HEARTBEAT_MS, MIN_HEARTBEAT_MS, problems);
  const expiryMs = integerSetting(env, 'REGISTRY_EXPIRY_MS', heartbeatMs * MISSED_BEATS, MIN_HEARTBEAT_MS, problems);
  if (expiryMs <= heartbeatMs)
    problems.push(
      `REGISTRY_EXPIRY_MS (${expiryMs}) must be longer than REGISTRY_HEARTBEAT_MS (${heartbeatMs}), ` +
        `or a live instance would vanish between two beats; leave it unset for ${MISSED_BEATS} beats`,
    );
  return { heartbeatMs, expiryMs };
}
