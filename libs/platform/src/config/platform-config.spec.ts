import { readPlatformConfig } from './platform-config';

describe('platform configuration', () => {
  it('refuses to start in production without secrets, naming them', () => {
    expect(() => readPlatformConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required when NODE_ENV=production/);
  });

  it('uses development secrets outside production, and says so', () => {
    expect(readPlatformConfig({}).insecureDefaults).toEqual(['JWT_SECRET']);
  });

  it('rejects short secrets and malformed numbers', () => {
    expect(() => readPlatformConfig({ JWT_SECRET: 'short', CALL_TIMEOUT_MS: 'soon' })).toThrow(
      /JWT_SECRET must be at least 32 characters[\s\S]*CALL_TIMEOUT_MS must be a positive integer \(got "soon"\)/,
    );
  });

  it('keeps module keys in KEYS_DIR, under DATA_DIR outside production, and nowhere by default in production', () => {
    expect(readPlatformConfig({ DATA_DIR: '/srv/data' }).keysDir).toBe('/srv/data/keys');
    expect(readPlatformConfig({ KEYS_DIR: '/etc/archipelago/keys' }).keysDir).toBe('/etc/archipelago/keys');
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(readPlatformConfig(production).keysDir).toBeUndefined();
    expect(readPlatformConfig({ ...production, KEYS_DIR: '/etc/k' }).keysDir).toBe('/etc/k');
  });

  it('bounds event delivery by OUTBOX_MAX_ATTEMPTS refusals, 12 unless set', () => {
    expect(readPlatformConfig({}).outboxMaxAttempts).toBe(12);
    expect(readPlatformConfig({ OUTBOX_MAX_ATTEMPTS: '3' }).outboxMaxAttempts).toBe(3);
    expect(() => readPlatformConfig({ OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/OUTBOX_MAX_ATTEMPTS must be a positive integer \(got "0"\)/);
  });

  it('bounds body depth by MAX_PAYLOAD_DEPTH, 32 unless set and never above 60, below the 64 levels of a message', () => {
    expect(readPlatformConfig({}).maxPayloadDepth).toBe(32);
    expect(readPlatformConfig({ MAX_PAYLOAD_DEPTH: '60' }).maxPayloadDepth).toBe(60);
    expect(() => readPlatformConfig({ MAX_PAYLOAD_DEPTH: '61' })).toThrow(/MAX_PAYLOAD_DEPTH must be at most 60/);
    expect(() => readPlatformConfig({ MAX_PAYLOAD_DEPTH: '0' })).toThrow(/MAX_PAYLOAD_DEPTH must be a positive integer/);
  });

  it('reads the login and refresh rate limits, generous unless set', () => {
    expect(readPlatformConfig({}).authRateLimit).toEqual({ windowMs: 60_000, perIp: 60, perAccount: 10 });
    expect(
      readPlatformConfig({ AUTH_RATE_LIMIT_PER_IP: '5', AUTH_RATE_LIMIT_PER_ACCOUNT: '2', AUTH_RATE_LIMIT_WINDOW_MS: '1000' })
        .authRateLimit,
    ).toEqual({ windowMs: 1000, perIp: 5, perAccount: 2 });
    expect(() => readPlatformConfig({ AUTH_RATE_LIMIT_PER_IP: 'many' })).toThrow(/AUTH_RATE_LIMIT_PER_IP must be a positive integer/);
  });

  it('reads per-module PostgreSQL URLs', () => {
    expect(readPlatformConfig({ BILLING_DATABASE_URL: 'postgres://localhost/app' }).databaseUrls).toEqual({
      billing: 'postgres://localhost/app',
    });
    expect(() => readPlatformConfig({ AUTH_DATABASE_URL: 'mysql://x' })).toThrow(/AUTH_DATABASE_URL must start with postgres:\/\//);
  });

  it('has safe transport limits by default, each one settable', () => {
    expect(readPlatformConfig({}).tcpLimits).toEqual({
      maxConnections: 512,
      maxConnectionBufferBytes: 1024 * 1024,
      maxTotalBufferedBytes: 64 * 1024 * 1024,
      maxFrameBytes: 1024 * 1024,
      idleTimeoutMs: 300_000,
      incompleteFrameTimeoutMs: 10_000,
    });
    expect(readPlatformConfig({ TCP_MAX_CONNECTIONS: '20', TCP_IDLE_TIMEOUT_MS: '1000' }).tcpLimits).toMatchObject({
      maxConnections: 20,
      idleTimeoutMs: 1000,
    });
    expect(() => readPlatformConfig({ TCP_MAX_TOTAL_BUFFERED_BYTES: '0' })).toThrow(
      /TCP_MAX_TOTAL_BUFFERED_BYTES must be a positive integer/,
    );
    expect(readPlatformConfig({}).refusalAuditWindowMs).toBe(60_000);
  });
});
