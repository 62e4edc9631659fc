import { ReplayCache } from './replay-cache';

describe('ReplayCache', () => {
  it('accepts a message ID once, and refuses it again', () => {
    const cache = new ReplayCache();
    expect(cache.firstSighting('m-1', Date.now() + 1000)).toBe(true);
    expect(cache.firstSighting('m-1', Date.now() + 1000)).toBe(false);
    expect(cache.firstSighting('m-2', Date.now() + 1000)).toBe(true);
  });

  it('forgets IDs whose deadline has passed, so memory stays bounded', () => {
    const cache = new ReplayCache();
    for (let i = 0; i < 1000; i++) cache.firstSighting(`old-${i}`, Date.now() - 1);
    expect(cache.firstSighting('old-0', Date.now() + 1000)).toBe(true);
  });
});
