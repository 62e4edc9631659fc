import { isModuleName, ModuleName, ownerOf } from '@app/contracts';

/** Every subject Archipelago uses begins with this, so a broker can carry other traffic too. */
export const SUBJECT_ROOT = 'archipelago';

/**
 * A module is addressed, not a process (ADR 0025): `archipelago.<module>.<pattern>`, answered by
 * the queue group `<module>`, so each request reaches exactly one process hosting that module.
 */
export function subjectOf(module: ModuleName, pattern: string): string {
  return `${SUBJECT_ROOT}.${module}.${pattern}`;
}

export function queueGroupOf(module: ModuleName): string {
  return module;
}

/** A module's subjects carry its own patterns and the kernel's (`platform.*`: events, ping, dead letters) sent to it. */
export function isAddressedTo(module: ModuleName, pattern: string): boolean {
  const owner = ownerOf(pattern);
  return owner === module || !isModuleName(owner);
}
