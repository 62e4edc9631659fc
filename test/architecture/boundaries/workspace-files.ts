import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIPPED = new Set(['node_modules', 'dist', '__fixtures__', 'coverage']);

/** Every .ts file under apps/ and libs/ of a workspace, as paths relative to its root. */
export function workspaceSourceFiles(root: string): string[] {
  return ['apps', 'libs'].flatMap((top) => walk(root, join(root, top)));
}

function walk(root: string, dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(root, path);
    return name.endsWith('.ts') ? [relative(root, path)] : [];
  });
}
