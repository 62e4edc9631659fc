import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contractFiles } from './contract-templates';
import { libFiles } from './lib-templates';
import { invalidModuleName, namingOf } from './module-name';
import { readmeFile } from './readme-template';
import { registerModule } from './registrations';
import { testFiles } from './test-templates';

export interface GeneratedModule {
  created: string[];
  registeredIn: string[];
}

/** The business modules `libs/contracts/src/shared/module-names.ts` lists today. */
export function existingModules(root: string): string[] {
  const file = 'libs/contracts/src/shared/module-names.ts';
  const list = /export const MODULE_NAMES = \[([^\]]*)\] as const;/.exec(readFileSync(join(root, file), 'utf8'));
  if (!list) throw new Error(`${file}: expected "export const MODULE_NAMES = [...] as const;"`);
  return [...list[1].matchAll(/'([a-z]+)'/g)].map((match) => match[1]);
}

/** Writes the contract folder, the lib and its tests for `name`, then registers it everywhere. */
export function generateModule(root: string, name: string, migrationTimestamp = Date.now()): GeneratedModule {
  const problem = invalidModuleName(name, existingModules(root));
  if (problem) throw new Error(problem);
  const naming = namingOf(name);
  const files = { ...contractFiles(naming), ...libFiles(naming, migrationTimestamp), ...readmeFile(naming), ...testFiles(naming) };
  for (const folder of [`libs/${name}`, `libs/contracts/src/${name}`]) {
    if (existsSync(join(root, folder))) throw new Error(`${folder} already exists: remove it or choose another name`);
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return { created: Object.keys(files), registeredIn: registerModule(root, naming) };
}
