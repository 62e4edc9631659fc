import { CallerName } from '@app/contracts';
import { ConfigurationError } from '../config/configuration.error';
import { ModuleKeySet } from './envelope-keys';
import { privateKeyFile, publicKeyFile, readKeyFile } from './key-files';
import { ModuleKey } from './module-key';

/**
 * Reads what this process may hold from `dir`: the private keys of the callers it hosts — and no
 * other — and the public keys of its peers. Every missing or bad file is named in one
 * ConfigurationError.
 */
export function loadKeySet(dir: string, hosted: readonly CallerName[], peers: readonly CallerName[]): ModuleKeySet {
  const problems: string[] = [];
  const read = (caller: CallerName, kind: 'private' | 'public'): [CallerName, ModuleKey[]] => {
    const path = kind === 'private' ? privateKeyFile(dir, caller) : publicKeyFile(dir, caller);
    try {
      return [caller, readKeyFile(path, kind)];
    } catch (error) {
      problems.push(`${(error as Error).message} (the ${kind} key of ${caller})`);
      return [caller, []];
    }
  };
  const privateKeys = new Map(hosted.map((caller) => read(caller, 'private')));
  const publicKeys = new Map(peers.map((caller) => read(caller, 'public')));
  if (problems.length > 0)
    throw new ConfigurationError(`KEYS_DIR ${dir}`, [...problems, 'npm run keys:generate -- --dir <path> writes a key set (ADR 0022)']);
  return { privateKeys, publicKeys };
}
