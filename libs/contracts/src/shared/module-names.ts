/** The business modules of Archipelago. A module's name is the first segment of its patterns. */
export const MODULE_NAMES = ['auth', 'audit', 'billing', 'notification'] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

/** The HTTP edge. It calls modules but owns no patterns and receives no messages. */
export const GATEWAY = 'gateway';

/** Who may appear as the `caller` of an envelope. */
export type CallerName = ModuleName | typeof GATEWAY;

/** Every caller: each has a key pair of its own (ADR 0022). */
export const CALLER_NAMES: readonly CallerName[] = [...MODULE_NAMES, GATEWAY];

export function isModuleName(name: string): name is ModuleName {
  return (MODULE_NAMES as readonly string[]).includes(name);
}
