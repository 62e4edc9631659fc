import { VerifiedToken } from '@app/contracts';
import { PLATFORM_CONFIG, PlatformConfig } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';

/** Enough for every active user of one gateway; past it the oldest entry goes first. */
const MAX_ENTRIES = 10_000;

/**
 * Access tokens auth has verified, kept until the token expires or `AUTH_TOKEN_CACHE_MS` passes,
 * whichever is first. That bound is how long a token stays accepted at this gateway after auth
 * would refuse it; 0 asks auth every time.
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { verified: VerifiedToken; until: number }>();
  private readonly ttlMs: number;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.ttlMs = config.tokenCacheMs;
  }

  get(token: string, now = Date.now()): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > now) return entry.verified;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, verified: VerifiedToken, now = Date.now()): void {
    if (this.ttlMs === 0) return;
    const expires = verified.expiresAt === undefined ? Infinity : verified.expiresAt * 1000;
    const until = Math.min(now + this.ttlMs, expires);
    if (until <= now) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { verified, until });
  }
}
