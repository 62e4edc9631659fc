import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { KERNEL_LIBS, ownerOf } from './boundary-rules';
import { workspaceSourceFiles } from './workspace-files';

export interface TableViolation {
  file: string;
  table: string;
  owner: string;
  rule: string;
}

const ENTITY_TABLE = /@Entity\(\s*['"]([a-z0-9_]+)['"]/g;

/** Table names each business module declares in its `*.entity.ts` files. */
export function tablesByModule(root: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const file of workspaceSourceFiles(root).filter((path) => path.endsWith('.entity.ts'))) {
    const owner = ownerOf(file);
    if (!owner || owner.kind !== 'lib' || KERNEL_LIBS.includes(owner.name)) continue;
    const names = [...readFileSync(join(root, file), 'utf8').matchAll(ENTITY_TABLE)].map((match) => match[1]);
    tables.set(owner.name, [...(tables.get(owner.name) ?? []), ...names]);
  }
  return tables;
}

/** String literals and template text of a file: where SQL would name a table. */
function stringsOf(root: string, file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest);
  const strings: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return strings;
}

/** SQL that reads or writes the table: `FROM invoices`, `JOIN "invoices"`, `INSERT INTO invoices`, … */
const sqlNaming = (table: string) => new RegExp(`\\b(from|join|into|update|table)\\s+["'\`]?${table}\\b`, 'i');

/** A module's (or the gateway's) code that names another module's table. */
export function findTableOwnershipViolations(root: string): TableViolation[] {
  const tables = tablesByModule(root);
  return workspaceSourceFiles(root).flatMap((file) => {
    const reader = ownerOf(file);
    if (!reader || reader.kind !== 'lib' || reader.name === 'contracts' || reader.name === 'platform') return [];
    const text = stringsOf(root, file).join('\n');
    return [...tables].flatMap(([owner, names]) =>
      owner === reader.name
        ? []
        : names
            .filter((table) => sqlNaming(table).test(text))
            .map((table) => ({ file, table, owner, rule: `names the table ${table} of module ${owner}: only ${owner} may touch it` })),
    );
  });
}
