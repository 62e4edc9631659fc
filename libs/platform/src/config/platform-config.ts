import { join } from 'node:path';
import { readRegistrySettings, RegistrySettings } from '../registry/registry-settings';
import type { TcpLimits } from '../transport/tcp/transport-limits';
import { readTracingSettings, TracingSettings } from '../tracing/tracing-settings';
import { ConfigurationError } from './configuration.error';

/** Everything the kernel reads from the environment, checked once at start. */
export interface PlatformConfig {
  production: boolean;
  /**
   * Where the module key files are (ADR 0022): `KEYS_DIR`, or `<DATA_DIR>/keys` outside production
   * (a development set is generated there). Undefined in production when unset.
   */
  keysDir?: string;
  jwtSecret: string;
  dataDir: string;
  callTimeoutMs: number;
  /** How far after its issue a message's deadline may lie; never below `callTimeoutMs`. */
  maxDeadlineMs: number;
  /** `<MODULE>_DATABASE_URL` values, by module name. */
  databaseUrls: Record<string, string>;
  admin?: { email: string; password: string };
  httpBodyLimitBytes: number;
  /** How deep a JSON body may nest (objects and arrays) before it is refused 400 PAYLOAD_TOO_DEEP, unparsed. */
  maxPayloadDepth: number;
  /** Login and refresh attempts allowed per window, per client IP and per account (ADR 0020). */
  authRateLimit: { windowMs: number; perIp: number; perAccount: number };
  /** How long the gateway trusts an access token it has verified (0: ask auth every time). */
  tokenCacheMs: number;
  /** How often the outbox relay looks for undelivered events. */
  relayIntervalMs: number;
  /** The longest wait between two delivery attempts of one event. */
  outboxMaxBackoffMs: number;
  /** How long delivered outbox rows are kept before they are deleted. */
  outboxRetentionMs: number;
  /** How long a process, once told to stop (SIGTERM), waits for the work in flight (ADR 0017). */
  shutdownGraceMs: number;
  /** Refusals by its subscriber after which an outbox row is dead-lettered (ADR 0016); transport failures do not count. */
  outboxMaxAttempts: number;
  /** What a TCP listener allows its peers (ADR 0021). */
  tcpLimits: TcpLimits;
  /** Unauthenticated refusals from one claimed source are audited once per this window, with a count (ADR 0021). */
  refusalAuditWindowMs: number;
  /** Spans kept in memory, sampled, sent over OTLP (ADR 0027). */
  tracing: TracingSettings;
  /** How often processes announce themselves on a bus, and when the registry forgets one (ADR 0029). */
  registry: RegistrySettings;
  insecureDefaults: string[];
}

/** Below the 64 levels a message between modules may nest (`MAX_MESSAGE_DEPTH`), leaving room for the envelope. */
const MAX_PAYLOAD_DEPTH_CEILING = 60;

const DEV_JWT_SECRET = 'archipelago-dev-jwt-secret-do-not-use-in-production';

/** An integer setting of at least `min`, or `fallback` when unset; a bad value is added to `problems`. */
export function integerAtLeast(min: number, env: NodeJS.ProcessEnv, key: string, fallback: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  const wanted = min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
  if (!Number.isInteger(value) || value < min) problems.push(`${key} must be ${wanted} (got "${raw}")`);
  return value;
}

const positiveInt = integerAtLeast.bind(undefined, 1);

function secret(
  env: NodeJS.ProcessEnv,
  key: string,
  devValue: string,
  production: boolean,
  problems: string[],
  insecure: string[],
): string {
  const value = env[key];
  if (value && value.length >= 32) return value;
  if (value) problems.push(`${key} must be at least 32 characters long`);
  else if (production) problems.push(`${key} is required when NODE_ENV=production`);
  else insecure.push(key);
  return devValue;
}

export function readPlatformConfig(env: NodeJS.ProcessEnv): PlatformConfig {
  const problems: string[] = [];
  const insecureDefaults: string[] = [];
  const production = env.NODE_ENV === 'production';
  const databaseUrls = Object.fromEntries(
    Object.entries(env)
      .filter(([key, value]) => /^[A-Z]+_DATABASE_URL$/.test(key) && value)
      .map(([key, value]) => [key.replace('_DATABASE_URL', '').toLowerCase(), value as string]),
  );
  for (const [module, url] of Object.entries(databaseUrls)) {
    if (!/^postgres(ql)?:\/\//.test(url)) problems.push(`${module.toUpperCase()}_DATABASE_URL must start with postgres://`);
  }
  const adminEmail = env.ADMIN_EMAIL;
  const adminPassword = env.ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  if (adminPassword && (adminPassword.length < 8 || adminPassword.length > 128))
    problems.push('ADMIN_PASSWORD must be 8 to 128 characters');
  const dataDir = env.DATA_DIR || './data';
  const config: PlatformConfig = {
    production,
    keysDir: env.KEYS_DIR || (production ? undefined : join(dataDir, 'keys')),
    jwtSecret: secret(env, 'JWT_SECRET', DEV_JWT_SECRET, production, problems, insecureDefaults),
    dataDir,
    callTimeoutMs: positiveInt(env, 'CALL_TIMEOUT_MS', 5000, problems),
    maxDeadlineMs: positiveInt(env, 'MAX_DEADLINE_MS', 60_000, problems),
    databaseUrls,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    httpBodyLimitBytes: positiveInt(env, 'HTTP_BODY_LIMIT_BYTES', 100 * 1024, problems),
    maxPayloadDepth: positiveInt(env, 'MAX_PAYLOAD_DEPTH', 32, problems),
    authRateLimit: {
      windowMs: positiveInt(env, 'AUTH_RATE_LIMIT_WINDOW_MS', 60_000, problems),
      perIp: positiveInt(env, 'AUTH_RATE_LIMIT_PER_IP', 60, problems),
      perAccount: positiveInt(env, 'AUTH_RATE_LIMIT_PER_ACCOUNT', 10, problems),
    },
    tokenCacheMs: integerAtLeast(0, env, 'AUTH_TOKEN_CACHE_MS', 10_000, problems),
    relayIntervalMs: positiveInt(env, 'OUTBOX_RELAY_INTERVAL_MS', 500, problems),
    outboxMaxBackoffMs: positiveInt(env, 'OUTBOX_MAX_BACKOFF_MS', 30_000, problems),
    outboxRetentionMs: positiveInt(env, 'OUTBOX_RETENTION_HOURS', 168, problems) * 3600 * 1000,
    shutdownGraceMs: positiveInt(env, 'SHUTDOWN_GRACE_MS', 10_000, problems),
    outboxMaxAttempts: positiveInt(env, 'OUTBOX_MAX_ATTEMPTS', 12, problems),
    tcpLimits: {
      maxConnections: positiveInt(env, 'TCP_MAX_CONNECTIONS', 512, problems),
      maxConnectionBufferBytes: positiveInt(env, 'TCP_MAX_CONNECTION_BUFFER_BYTES', 1024 * 1024, problems),
      maxTotalBufferedBytes: positiveInt(env, 'TCP_MAX_TOTAL_BUFFERED_BYTES', 64 * 1024 * 1024, problems),
      maxFrameBytes: positiveInt(env, 'TCP_MAX_FRAME_BYTES', 1024 * 1024, problems),
      idleTimeoutMs: positiveInt(env, 'TCP_IDLE_TIMEOUT_MS', 300_000, problems),
      incompleteFrameTimeoutMs: positiveInt(env, 'TCP_INCOMPLETE_FRAME_TIMEOUT_MS', 10_000, problems),
    },
    refusalAuditWindowMs: positiveInt(env, 'REFUSAL_AUDIT_WINDOW_MS', 60_000, problems),
    tracing: readTracingSettings(env, problems),
    registry: readRegistrySettings(env, problems),
    insecureDefaults,
  };
  // A body becomes the payload of an envelope, and messages between modules nest at most 64 levels.
  if (config.maxPayloadDepth > MAX_PAYLOAD_DEPTH_CEILING)
    problems.push(`MAX_PAYLOAD_DEPTH must be at most ${MAX_PAYLOAD_DEPTH_CEILING} (got "${env.MAX_PAYLOAD_DEPTH}")`);
  if (problems.length > 0) throw new ConfigurationError('environment', problems);
  config.maxDeadlineMs = Math.max(config.maxDeadlineMs, config.callTimeoutMs);
  return config;
}
