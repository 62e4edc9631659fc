import { canonicalJson } from '@app/platform';
import { createHash } from 'node:crypto';

/** SHA-256 of the request's canonical JSON, the key itself left out: "same parameters". */
export function requestHash(request: object): string {
  const { idempotencyKey: _key, ...parameters } = request as { idempotencyKey?: string };
  return createHash('sha256').update(canonicalJson(parameters)).digest('hex');
}
