import { CallerName } from '@app/contracts';
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moduleKey, ModuleKey } from './module-key';

/** A module has one key, or two during a rotation (the first is the one in use). */
export const MAX_KEYS_PER_MODULE = 2;

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

/** `<module>.key`: the module's private keys, PEM PKCS8, mode 0600. */
export const privateKeyFile = (dir: string, caller: CallerName): string => join(dir, `${caller}.key`);

/** `<module>.pub`: the module's public keys, PEM SPKI, in the same order as its private keys. */
export const publicKeyFile = (dir: string, caller: CallerName): string => join(dir, `${caller}.pub`);

/** The PEM text of keys, one block after the other. */
export function pemOf(keys: KeyObject[]): string {
  return keys
    .map((key) =>
      key.type === 'private'
        ? key.export({ type: 'pkcs8', format: 'pem' }).toString()
        : key.export({ type: 'spki', format: 'pem' }).toString(),
    )
    .join('');
}

/**
 * The X25519 keys of one key file, in order. Says what is wrong with the file — missing, no key,
 * more than two, not X25519 — by throwing an Error whose message names it.
 */
export function readKeyFile(path: string, kind: 'private' | 'public'): ModuleKey[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${path} is missing`);
    throw new Error(`${path} cannot be read: ${(error as Error).message}`);
  }
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) throw new Error(`${path} holds no PEM key`);
  if (blocks.length > MAX_KEYS_PER_MODULE)
    throw new Error(`${path} holds ${blocks.length} keys; at most ${MAX_KEYS_PER_MODULE} (during a rotation)`);
  const label = kind === 'private' ? 'PRIVATE KEY' : 'PUBLIC KEY';
  return blocks.map(([block, blockLabel], index) => {
    if (blockLabel !== label) throw new Error(`${path}: key ${index + 1} is a ${blockLabel}, expected a ${label}`);
    let key: KeyObject;
    try {
      key = kind === 'private' ? createPrivateKey(block) : createPublicKey(block);
    } catch (error) {
      throw new Error(`${path}: key ${index + 1} is not a valid ${kind} key (${(error as Error).message})`);
    }
    if (key.type !== kind || key.asymmetricKeyType !== 'x25519') throw new Error(`${path}: key ${index + 1} is not an X25519 ${kind} key`);
    return moduleKey(key);
  });
}
