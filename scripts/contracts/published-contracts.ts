import { join } from 'node:path';
import * as contracts from '@app/contracts';
import { EVENT_CATALOG, MODULE_CONTRACTS, PlatformContract } from '@app/contracts';
import { ContractSources, DtoClass } from './describe-contracts';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Where the snapshot of every published contract is committed. */
export const SNAPSHOT_FILE = join(REPO_ROOT, 'libs', 'contracts', 'contracts.snapshot.json');

/** The classes a module of contracts exports, by name: the DTOs whose validation rules are read. */
export function classesIn(namespace: object): Map<string, DtoClass> {
  const classes = Object.entries(namespace).filter(([name, value]) => /^[A-Z]/.test(name) && typeof value === 'function');
  return new Map(classes as [string, DtoClass][]);
}

/**
 * Every pattern a process may receive from another: each module's calls (`MODULE_CONTRACTS`), the
 * kernel's own calls between processes (`PlatformContract`), and every event (`EVENT_CATALOG`).
 */
export function liveContractSources(): ContractSources {
  return {
    entryFile: join(REPO_ROOT, 'libs', 'contracts', 'src', 'index.ts'),
    contracts: [...Object.values(MODULE_CONTRACTS).flat(), ...Object.values(PlatformContract), ...EVENT_CATALOG.values()],
    classes: classesIn(contracts),
  };
}
