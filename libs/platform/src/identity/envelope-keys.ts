import { CallerName } from '@app/contracts';
import { createSecretKey, diffieHellman, hkdfSync, KeyObject } from 'node:crypto';
import { ModuleKey } from './module-key';

/** The key ids an envelope was signed with: the caller's and the callee's (ADR 0022). */
export interface EnvelopeKeyIds {
  from: string;
  to: string;
}

export interface SigningKey {
  key: KeyObject;
  ids: EnvelopeKeyIds;
}

/** What a process holds: the private keys of the callers it hosts, the public keys of the others. */
export interface ModuleKeySet {
  privateKeys: ReadonlyMap<CallerName, readonly ModuleKey[]>;
  publicKeys: ReadonlyMap<CallerName, readonly ModuleKey[]>;
}

const SALT = Buffer.from('archipelago/module-identity', 'utf8');

/**
 * The HMAC key of one direction between two modules: HKDF-SHA256 over their X25519 shared secret.
 * Only the two ends can compute it; the direction and both key ids are in the info, so a→b and
 * b→a differ, and so does every pair of keys during a rotation.
 */
export function pairKey(
  from: CallerName,
  to: CallerName,
  fromKey: ModuleKey,
  toKey: ModuleKey,
  privateKey: KeyObject,
  publicKey: KeyObject,
): KeyObject {
  const shared = diffieHellman({ privateKey, publicKey });
  const info = `archipelago-envelope-v1|${from}>${to}|${fromKey.id}|${toKey.id}`;
  return createSecretKey(Buffer.from(hkdfSync('sha256', shared, SALT, info, 32)));
}

/**
 * Every HMAC key this process needs, derived once at start: for each hosted caller and each peer,
 * the key it signs with (its first key to the peer's first key) and every key it accepts (any of
 * the peer's public keys to any of its own private keys). A message then costs one map read and
 * one HMAC, as a shared secret did.
 */
export class EnvelopeKeys {
  private readonly sending = new Map<string, SigningKey>();
  private readonly receiving = new Map<string, KeyObject>();

  constructor(keySet: ModuleKeySet) {
    for (const [hosted, ownKeys] of keySet.privateKeys) {
      for (const [peer, peerKeys] of keySet.publicKeys) {
        if (peer === hosted || peerKeys.length === 0 || ownKeys.length === 0) continue;
        const [own, theirs] = [ownKeys[0], peerKeys[0]];
        this.sending.set(`${hosted}>${peer}`, {
          key: pairKey(hosted, peer, own, theirs, own.key, theirs.key),
          ids: { from: own.id, to: theirs.id },
        });
        for (const peerKey of peerKeys)
          for (const ownKey of ownKeys)
            this.receiving.set(
              receivingId(peer, hosted, peerKey.id, ownKey.id),
              pairKey(peer, hosted, peerKey, ownKey, ownKey.key, peerKey.key),
            );
      }
    }
  }

  /** An empty set: a process that talks to no other process (the monolith) needs no key. */
  static none(): EnvelopeKeys {
    return new EnvelopeKeys({ privateKeys: new Map(), publicKeys: new Map() });
  }

  forSending(from: CallerName, to: CallerName): SigningKey | undefined {
    return this.sending.get(`${from}>${to}`);
  }

  forReceiving(from: CallerName, to: CallerName, ids: EnvelopeKeyIds): KeyObject | undefined {
    return this.receiving.get(receivingId(from, to, ids.from, ids.to));
  }
}

const receivingId = (from: string, to: string, fromId: string, toId: string) => `${from}>${to}|${fromId}|${toId}`;
