import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addToObjectLiteral, appendToList, editFile, insertBefore, replaceOnce } from './file-edit';
import { ModuleNaming } from './module-name';
import { placeInTopology, remoteTopology, TopologyFile } from './topology-placement';

/** Every file that lists the business modules, and the edit that adds one. Returns the files changed. */
export function registerModule(root: string, { name, pascal }: ModuleNaming): string[] {
  const changed: string[] = [];
  const edit = (file: string, ...edits: Parameters<typeof editFile>[2][]) => editFile(root, file, ...edits) && changed.push(file);

  edit('libs/contracts/src/shared/module-names.ts', appendToList(/export const MODULE_NAMES = \[([^\]]*)\] as const;/, `'${name}'`));
  edit('libs/contracts/src/index.ts', insertBefore("export * from './platform';", `export * from './${name}';\n`));
  edit(
    'libs/contracts/src/catalog.ts',
    insertBefore("import { CallContract, ModuleName } from './shared';", `import { ${pascal}Contract } from './${name}';\n`),
    addToObjectLiteral('export const MODULE_CONTRACTS', `  ${name}: Object.values(${pascal}Contract),`),
  );
  edit(
    'libs/contracts/src/subscriptions.ts',
    insertBefore("import { EventContract, ModuleName } from './shared';", `import { ${pascal}Events } from './${name}';\n`),
    addToObjectLiteral('export const EVENT_SUBSCRIPTIONS', `  ${name}: [],`),
    replaceOnce('...Object.values(PlatformEvents)]', `...Object.values(PlatformEvents), ...Object.values(${pascal}Events)]`),
  );
  edit(
    'apps/server/src/hostable-modules.ts',
    insertBefore("import { Type } from '@nestjs/common';", `import { ${pascal}Module } from '@app/${name}';\n`),
    addToObjectLiteral('export const HOSTABLE_MODULES', `  ${name}: ${pascal}Module,`),
  );
  edit('tsconfig.json', insertBefore('"@app/gateway": ["libs/gateway/src"]', `"@app/${name}": ["libs/${name}/src"],\n      `));
  edit('.dependency-cruiser.js', appendToList(/const BUSINESS = '\(([^)]*)\)';/, name, '|'));
  edit('test/architecture/boundaries/boundary-rules.ts', appendToList(/if \(owner\.kind === 'app'\) return \[([^\]]*)\];/, `'${name}'`));
  if (editJson(root, 'nest-cli.json', (cli: { projects: Record<string, object> }) => addNestProject(cli, name)))
    changed.push('nest-cli.json');
  for (const file of readdirSync(join(root, 'config', 'topologies')).filter((f) => f.endsWith('.json'))) {
    const path = `config/topologies/${file}`;
    if (editJson(root, path, (topology: TopologyFile) => placeInTopology(topology, name))) changed.push(path);
  }
  if (writeRemoteTopology(root, name)) changed.push(`config/topologies/${name}-remote.json`);
  return changed;
}

function writeRemoteTopology(root: string, name: string): boolean {
  const path = join(root, 'config', 'topologies', `${name}-remote.json`);
  if (existsSync(path)) return false;
  const read = (topology: string) =>
    JSON.parse(readFileSync(join(root, 'config', 'topologies', `${topology}.json`), 'utf8')) as TopologyFile;
  writeFileSync(path, `${JSON.stringify(remoteTopology(read('monolith'), read('all-remote'), name), null, 2)}\n`);
  return true;
}

function addNestProject(cli: { projects: Record<string, object> }, name: string): void {
  cli.projects[name] ??= { type: 'library', root: `libs/${name}`, entryFile: 'index', sourceRoot: `libs/${name}/src` };
}

/** Parses `file`, lets `change` mutate it, writes it back in the repository's JSON style. */
function editJson<T>(root: string, file: string, change: (json: T) => void): boolean {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const json = JSON.parse(before) as T;
  change(json);
  const after = `${JSON.stringify(json, null, 2)}\n`;
  if (after !== before) writeFileSync(path, after);
  return after !== before;
}
