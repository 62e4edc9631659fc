/** Libs and names that are not business modules, and may never become one. */
export const RESERVED_NAMES = ['gateway', 'platform', 'contracts', 'testing'];

/** The spellings one module name needs: `inventory` → `Inventory`, `INVENTORY`. */
export interface ModuleNaming {
  /** `inventory`: the lib folder, the pattern owner, the key in every list. */
  name: string;
  /** `Inventory`: the prefix of every class. */
  pascal: string;
  /** `INVENTORY`: the prefix of every constant. */
  upper: string;
}

/** Why `name` cannot be a new module of this workspace, or undefined when it can. */
export function invalidModuleName(name: string, existingModules: readonly string[]): string | undefined {
  if (!/^[a-z]+$/.test(name)) return `"${name}" must be lower-case letters only (it is a pattern's first segment), e.g. inventory`;
  if (RESERVED_NAMES.includes(name)) return `"${name}" is reserved (${RESERVED_NAMES.join(', ')} are libs, not business modules)`;
  if (existingModules.includes(name)) return `"${name}" is already a module (MODULE_NAMES: ${existingModules.join(', ')})`;
  return undefined;
}

export function namingOf(name: string): ModuleNaming {
  return { name, pascal: name[0].toUpperCase() + name.slice(1), upper: name.toUpperCase() };
}
