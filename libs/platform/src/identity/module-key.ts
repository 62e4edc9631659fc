import { createHash, createPublicKey, KeyObject } from 'node:crypto';

/** One X25519 key of a module, with the id peers name it by in an envelope's `meta.keys`. */
export interface ModuleKey {
  /** First 16 hex characters of the SHA-256 of the public key's SPKI DER. */
  id: string;
  key: KeyObject;
}

/** The id of a key pair, computed from its public half (a private key gives its public key). */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function moduleKey(key: KeyObject): ModuleKey {
  return { id: keyIdOf(key), key };
}
