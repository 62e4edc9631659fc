import { readPlatformConfig } from '@app/platform';
import { VerifiedTokenCache } from './verified-token.cache';

const verified = (expiresAt?: number) => ({ userId: 'u-1', email: 'a@example.com', roles: ['user'], expiresAt });
const cacheFor = (ms: string) => new VerifiedTokenCache(readPlatformConfig({ AUTH_TOKEN_CACHE_MS: ms }));

describe('VerifiedTokenCache', () => {
  const now = 1_000_000_000_000;

  it('remembers a verified token for AUTH_TOKEN_CACHE_MS, then asks again', () => {
    const cache = cacheFor('10000');
    cache.remember('t', verified(), now);
    expect(cache.get('t', now + 9_999)).toEqual(verified());
    expect(cache.get('t', now + 10_000)).toBeUndefined();
  });

  it('never past the expiry of the token itself', () => {
    const cache = cacheFor('10000');
    cache.remember('t', verified(now / 1000 + 2), now);
    expect(cache.get('t', now + 1_999)).toBeDefined();
    expect(cache.get('t', now + 2_000)).toBeUndefined();
  });

  it('remembers nothing when AUTH_TOKEN_CACHE_MS is 0', () => {
    const cache = cacheFor('0');
    cache.remember('t', verified(), now);
    expect(cache.get('t', now)).toBeUndefined();
  });
});
