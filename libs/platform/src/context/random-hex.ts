import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
/**
 * The pool as hex, made once per refill: a slice of a string costs less than a `toString('hex')` per
 * ID. An ID kept (a stored span) keeps its pool's 8 KB string alive: at most a few MB in all.
 */
let poolHex = '';
let offset = POOL_BYTES;

/**
 * `bytes` cryptographically random bytes as hex, taken from a pool refilled 4 KiB at a time:
 * trace and span IDs are made for every request, every call and every span, and one system call
 * (or one trip into `Buffer`) each is waste.
 */
export function randomHex(bytes: number): string {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolHex = pool.toString('hex');
    offset = 0;
  }
  const hex = poolHex.slice(offset * 2, (offset + bytes) * 2);
  offset += bytes;
  return hex;
}
