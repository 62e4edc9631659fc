import { CALLER_NAMES, CallerName } from '@app/contracts';
import { EnvelopeKeys, EnvelopeSigner, loadKeySet } from '@app/platform';

/**
 * A signer holding exactly what the process hosting `hosted` holds — their private keys and the
 * others' public keys — read from a system's key set: what a compromised process of that system
 * could sign.
 */
export function signerOfProcessHosting(keysDir: string, hosted: CallerName[]): EnvelopeSigner {
  const peers = CALLER_NAMES.filter((caller) => !hosted.includes(caller));
  return new EnvelopeSigner(new EnvelopeKeys(loadKeySet(keysDir, hosted, peers)));
}
