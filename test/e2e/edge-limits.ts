import { testPort } from '@app/testing';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { newAccount, uniqueEmail } from '../support/accounts';
import { sendRawTcpJson } from '../support/raw-tcp';
import { JWT_SECRET, SystemUnderTest } from '../support/system-under-test';

const DEPTH = 15_000;
/** ~90 KB, under HTTP_BODY_LIMIT_BYTES: `{"a":{"a":…1…}}` nested 15,000 levels. */
const deepJson = (depth = DEPTH) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const PER_ACCOUNT = 3;
const PER_IP = 8;

/**
 * Issue 7, items 5 and 7 (ADR 0020): input depth limits at the HTTP and TCP edges, access tokens
 * without `exp`, and rate limits on login and refresh. Low limits of its own (the other suites
 * run with limits they never reach).
 */
export function describeEdgeLimits(topologyName: string, basePort: number): void {
  describe(`input limits at every edge, in topology "${topologyName}"`, () => {
    const system = new SystemUnderTest(topologyName, testPort(basePort), {
      AUTH_RATE_LIMIT_PER_ACCOUNT: String(PER_ACCOUNT),
      AUTH_RATE_LIMIT_PER_IP: String(PER_IP),
      AUTH_RATE_LIMIT_WINDOW_MS: '60000',
    });
    const billingRemote = system.remoteModules().includes('billing');

    beforeAll(() => system.start(), 120_000);
    afterAll(() => system.stop(), 60_000);

    it('refuses a 15,000-deep body with 400 PAYLOAD_TOO_DEEP naming the limit, and a concurrent request stays fast', async () => {
      const alone = await system.http('POST', '/auth/register', { rawBody: deepJson() });
      expect(alone.status).toBe(400);
      expect(alone.body).toEqual({
        statusCode: 400,
        code: 'PAYLOAD_TOO_DEEP',
        message: expect.stringContaining('32'),
        traceId: expect.any(String),
      });
      expect(alone.body.message).toMatch(/MAX_PAYLOAD_DEPTH/);

      const deep = Array.from({ length: 10 }, () => system.http('POST', '/billing/subscriptions', { rawBody: deepJson() }));
      const timings = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const startedAt = performance.now();
          const plans = await system.http('GET', '/billing/plans');
          expect(plans.status).toBe(200);
          return performance.now() - startedAt;
        }),
      );
      for (const refused of await Promise.all(deep)) expect(refused.body.code).toBe('PAYLOAD_TOO_DEEP');
      expect(Math.max(...timings)).toBeLessThan(1000);
    });

    it('still accepts a body nested up to the limit', async () => {
      const atLimit = await system.http('POST', '/auth/register', { rawBody: deepJson(32) });
      expect(atLimit.body.code).not.toBe('PAYLOAD_TOO_DEEP');
      expect(atLimit.status).toBe(400); // refused by validation, not by depth
    });

    (billingRemote ? it : it.skip)('refuses a raw TCP frame with a 15,000-deep payload, and billing keeps serving', async () => {
      const packet = `{"id":"raw-deep","pattern":"billing.plans.list.v1","data":{"meta":{},"payload":${deepJson()},"signature":"ab"}}`;
      const reply = await sendRawTcpJson(system.tcpPortOf(system.processOf('billing')), packet);
      expect(reply.err).toMatchObject({ status: 400, code: 'PAYLOAD_TOO_DEEP' });
      const plans = await system.http('GET', '/billing/plans');
      expect(plans.status).toBe(200);
    });

    it('answers 401 INVALID_TOKEN to a correctly signed access token without exp', async () => {
      const user = await newAccount(system, 'noexp');
      const jwt = new JwtService({ secret: JWT_SECRET });
      const claims = { sub: user.userId, email: user.email, roles: ['user'] };
      const options = { algorithm: 'HS256', issuer: 'archipelago-auth', audience: 'archipelago' } as const;
      const withoutExp = await system.http('GET', '/auth/me', { token: jwt.sign(claims, options) });
      expect(withoutExp.status).toBe(401);
      expect(withoutExp.body.code).toBe('INVALID_TOKEN');
      // control: the same claims with an expiry are accepted
      const control = await system.http('GET', '/auth/me', { token: jwt.sign(claims, { ...options, expiresIn: 60 }) });
      expect(control.status).toBe(200);
    });

    it('answers 429 with Retry-After to login attempts over the per-account limit, while another account still gets in', async () => {
      const email = uniqueEmail('limited');
      const attempt = (address: string) => system.http('POST', '/auth/login', { body: { email: address, password: 'wrong-password-123' } });
      for (let i = 0; i < PER_ACCOUNT; i++) expect((await attempt(i === 1 ? email.toUpperCase() : email)).status).toBe(401);
      const over = await attempt(email);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.body).toEqual({
        statusCode: 429,
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringContaining(String(PER_ACCOUNT)),
        traceId: expect.any(String),
      });
      expect((await attempt(uniqueEmail('other'))).status).toBe(401);
    });

    it('answers 429 with Retry-After to refresh attempts over the per-IP limit, whatever the token', async () => {
      const refresh = () => system.http('POST', '/auth/refresh', { body: { refreshToken: `${randomUUID()}${randomUUID()}` } });
      for (let i = 0; i < PER_IP; i++) expect((await refresh()).status).toBe(401);
      const over = await refresh();
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.body.code).toBe('TOO_MANY_REQUESTS');
    });
  });
}
