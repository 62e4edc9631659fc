import { dirname, join, normalize } from 'node:path';

/** Libs that are not business modules. */
export const KERNEL_LIBS = ['contracts', 'platform', 'gateway', 'testing'];

/** Test code: a `test/` folder or a `*.spec.ts` file. Only it may use `@app/testing`. */
export const isTestFile = (path: string) => /(^|[\\/])test[\\/]/.test(path) || path.endsWith('.spec.ts');

export interface Owner {
  kind: 'app' | 'lib';
  name: string;
}

/** Which app or lib a workspace-relative path belongs to. */
export function ownerOf(path: string): Owner | undefined {
  const [top, name] = normalize(path).split(/[\\/]/);
  if (top === 'apps' && name) return { kind: 'app', name };
  if (top === 'libs' && name) return { kind: 'lib', name };
  return undefined;
}

/**
 * The one place outside apps/ and libs/ a lib may reach: test support starts its PostgreSQL
 * clusters with the code `npm run up` uses (ADR 0033) and runs the set-up script users run
 * (`npm run postgres:roles`, ADR 0031), so tests connect as users do. Tests may lean on tooling;
 * tooling never on tests.
 */
const SCRIPTS_TEST_SUPPORT_RUNS = join('scripts', 'postgres');

const isBusinessModule = (owner: Owner) => owner.kind === 'lib' && !KERNEL_LIBS.includes(owner.name);

/** The `@app/*` libs an owner may import (through their index only). */
export function allowedLibsFor(owner: Owner, testCode = false): string[] {
  if (owner.kind === 'app') return ['contracts', 'platform', 'gateway', 'auth', 'audit', 'billing', 'notification'];
  if (owner.name === 'contracts') return [];
  if (owner.name === 'platform') return testCode ? ['contracts', 'testing'] : ['contracts'];
  if (owner.name === 'testing') return ['contracts', 'platform'];
  return testCode ? ['contracts', 'platform', 'testing'] : ['contracts', 'platform'];
}

/** Why an import breaks a boundary, or undefined when it is allowed. */
export function brokenRule(file: string, specifier: string): string | undefined {
  const owner = ownerOf(file)!;
  const who = `${owner.kind === 'app' ? 'apps' : 'libs'}/${owner.name}`;
  const alias = /^@app\/([^/]+)(\/.*)?$/.exec(specifier);
  if (alias) {
    if (alias[2]) return `deep import past ${alias[1]}'s index.ts: use '@app/${alias[1]}'`;
    const allowed = allowedLibsFor(owner, isTestFile(file));
    if (allowed.includes(alias[1]) || alias[1] === owner.name) return undefined;
    const subject = isBusinessModule(owner) ? `a business module (${who})` : who;
    if (allowed.length === 0) return `${subject} may import no @app lib, not @app/${alias[1]}`;
    return `${subject} may import only ${allowed.map((lib) => `@app/${lib}`).join(', ')}, not @app/${alias[1]}`;
  }
  if (specifier.startsWith('.')) {
    const path = join(dirname(file), specifier);
    if (owner.kind === 'lib' && owner.name === 'testing' && dirname(path) === SCRIPTS_TEST_SUPPORT_RUNS) return undefined;
    const target = ownerOf(path);
    if (!target || target.kind !== owner.kind || target.name !== owner.name) {
      return `relative import leaves ${who}: reach other libs through '@app/<lib>'`;
    }
  }
  return undefined;
}
