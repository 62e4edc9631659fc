import { CALLER_NAMES, CallerName } from '@app/contracts';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { EnvelopeKeys, ModuleKeySet } from '../src/identity/envelope-keys';
import { moduleKey, ModuleKey } from '../src/identity/module-key';

/** A private key per caller, in memory: index 0 is the one in use, further ones are for rotations. */
export type KeyPairs = Map<CallerName, ModuleKey[]>;

export const newKey = (): ModuleKey => moduleKey(generateKeyPairSync('x25519').privateKey);

export function newKeyPairs(): KeyPairs {
  return new Map(CALLER_NAMES.map((caller) => [caller, [newKey()]]));
}

export const publicOf = (key: ModuleKey): ModuleKey => ({ id: key.id, key: createPublicKey(key.key) });

/** What a process hosting `hosted` holds: their private keys, and the public keys of every other caller. */
export function keySetOf(pairs: KeyPairs, hosted: CallerName[]): ModuleKeySet {
  return {
    privateKeys: new Map(hosted.map((caller) => [caller, pairs.get(caller)!])),
    publicKeys: new Map(
      CALLER_NAMES.filter((caller) => !hosted.includes(caller)).map((caller) => [caller, pairs.get(caller)!.map(publicOf)]),
    ),
  };
}

export const envelopeKeysOf = (pairs: KeyPairs, hosted: CallerName[]): EnvelopeKeys => new EnvelopeKeys(keySetOf(pairs, hosted));
