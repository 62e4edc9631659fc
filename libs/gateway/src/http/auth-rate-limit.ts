import { PlatformConfig } from '@app/platform';
import fastifyRateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

type Limits = PlatformConfig['authRateLimit'];
type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** What one limited route is counted by: the client's IP, and the account the body names. */
const ACCOUNT_OF: Record<string, (body: Record<string, unknown>) => string | undefined> = {
  '/auth/login': (body) => (typeof body.email === 'string' ? `email:${body.email.trim().toLowerCase()}` : undefined),
  '/auth/refresh': (body) =>
    typeof body.refreshToken === 'string' ? `refresh:${createHash('sha256').update(body.refreshToken).digest('hex')}` : undefined,
};

/**
 * Rate limits on `POST /auth/login` and `POST /auth/refresh` (ADR 0020), with @fastify/rate-limit's
 * counters: each route counts attempts per client IP and per account (login: the normalized
 * email; refresh: a SHA-256 of the token, so the raw token is never a key). One attempt over
 * either limit is refused 429 `TOO_MANY_REQUESTS` with `Retry-After`, before auth is called.
 * Runs after the body is parsed (and depth-checked), so the account is known.
 */
export async function registerAuthRateLimit(fastify: FastifyInstance, limits: Limits): Promise<void> {
  await fastify.register(fastifyRateLimit, { global: false });
  const limiter = (max: number, key: (request: FastifyRequest) => string): Limiter =>
    fastify.createRateLimit({ max, timeWindow: limits.windowMs, keyGenerator: key });
  const perRoute = new Map<string, Limiter[]>();
  for (const [route, accountOf] of Object.entries(ACCOUNT_OF)) {
    perRoute.set(route, [
      limiter(limits.perIp, (request) => `${route}|ip:${request.ip}`),
      limiter(limits.perAccount, (request) => `${route}|${accountOf(bodyOf(request)) ?? `ip:${request.ip}`}`),
    ]);
  }
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const limiters = request.method === 'POST' ? perRoute.get(request.routeOptions.url ?? '') : undefined;
    if (!limiters) return;
    for (const limit of limiters) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        void reply.header('retry-after', String(Math.max(1, result.ttlInSeconds)));
        throw new HttpException(
          { code: 'TOO_MANY_REQUESTS', message: `too many attempts: at most ${result.max} per ${limits.windowMs / 1000} s; retry later` },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
    }
  });
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}
