import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { testPort } from '@app/testing';
import { addToObjectLiteral, appendToList, insertBefore } from '../../scripts/generate-module/file-edit';
import { invalidModuleName } from '../../scripts/generate-module/module-name';
import { placeInTopology } from '../../scripts/generate-module/topology-placement';

const REPO = join(__dirname, '..', '..');
/** Not copied: installed, built, run-time, or history. */
const NOT_COPIED = new Set(['node_modules', 'dist', 'data', '.git']);
const MODULE = 'inventory';

/** Runs a command in `cwd`; throws with its output when it fails. */
function run(cwd: string, command: string, args: string[]): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${output.slice(-4000)}`);
  return output;
}

/** The repository without its installed, built and run-time folders; node_modules is linked. */
function copyOfRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'archipelago-generator-'));
  cpSync(REPO, copy, { recursive: true, filter: (source) => !NOT_COPIED.has(relative(REPO, source).split(/[\\/]/)[0]) });
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

describe('module names the generator refuses', () => {
  it.each([
    ['Inventory', 'lower-case letters only'],
    ['stock-items', 'lower-case letters only'],
    ['gateway', 'is reserved'],
    ['testing', 'is reserved'],
    ['billing', 'is already a module'],
  ])('%s: %s', (name, reason) => {
    expect(invalidModuleName(name, ['auth', 'audit', 'billing', 'notification'])).toContain(reason);
  });
});

describe('the edits of registration files', () => {
  const hostable = 'export const HOSTABLE_MODULES = {\n  auth: AuthModule,\n};\n';

  it('add a line once: a second run changes nothing', () => {
    const edit = addToObjectLiteral('export const HOSTABLE_MODULES', '  inventory: InventoryModule,');
    const once = edit(hostable, 'hostable-modules.ts');

    expect(once).toBe('export const HOSTABLE_MODULES = {\n  auth: AuthModule,\n  inventory: InventoryModule,\n};\n');
    expect(edit(once, 'hostable-modules.ts')).toBe(once);
    expect(appendToList(/BUSINESS = '\(([^)]*)\)'/, 'inventory', '|')("BUSINESS = '(auth|inventory)'", 'x.js')).toBe(
      "BUSINESS = '(auth|inventory)'",
    );
  });

  it('fail naming the file and the text expected when the anchor is gone', () => {
    expect(() => insertBefore("import { Type } from '@nestjs/common';", 'x')('', 'apps/server/src/hostable-modules.ts')).toThrow(
      "apps/server/src/hostable-modules.ts: expected to find import { Type } from '@nestjs/common';",
    );
    expect(() =>
      addToObjectLiteral('export const MODULE_CONTRACTS', '  inventory: Object.values(InventoryContract),')(hostable, 'catalog.ts'),
    ).toThrow('catalog.ts: expected to find export const MODULE_CONTRACTS');
  });

  it('place a module in main, or in a process of its own where every module has one', () => {
    const monolith = { processes: { main: {} }, modules: { auth: { process: 'main' } } };
    const split = {
      processes: { main: {}, auth: { listen: { transport: 'tcp', host: '127.0.0.1', port: 4001 } } },
      modules: { auth: { process: 'auth' } },
    };
    const bus = { processes: { main: {}, auth: { bus: 'shared' } }, modules: { auth: { process: 'auth' } } };
    [monolith, split, bus].forEach((topology) => placeInTopology(topology, 'inventory'));

    expect(monolith.modules).toMatchObject({ inventory: { process: 'main' } });
    expect(split.processes).toMatchObject({ inventory: { listen: { transport: 'tcp', host: '127.0.0.1', port: 4002 } } });
    expect(bus).toMatchObject({ processes: { inventory: { bus: 'shared' } }, modules: { inventory: { process: 'inventory' } } });
  });
});

describe(`npm run generate:module -- ${MODULE}, in a copy of the repository`, () => {
  let copy: string;
  const inCopy = (command: string, ...args: string[]) => run(copy, command, args);

  beforeAll(() => {
    copy = copyOfRepository();
    inCopy('npm', 'run', '--silent', 'generate:module', '--', MODULE);
  }, 120_000);

  afterAll(() => copy && rmSync(copy, { recursive: true, force: true }));

  it('writes the contract, the lib, its README and its tests, and registers the module everywhere', () => {
    for (const file of [`libs/contracts/src/${MODULE}/${MODULE}.contract.ts`, `libs/${MODULE}/src/index.ts`, `libs/${MODULE}/README.md`]) {
      expect(existsSync(join(copy, file))).toBe(true);
    }
    expect(readFileSync(join(copy, 'libs/contracts/src/shared/module-names.ts'), 'utf8')).toContain(`'notification', '${MODULE}'`);
    expect(JSON.parse(readFileSync(join(copy, 'config/topologies/monolith.json'), 'utf8')).modules[MODULE]).toEqual({ process: 'main' });
    expect(JSON.parse(readFileSync(join(copy, 'config/topologies/all-remote.json'), 'utf8')).processes[MODULE]).toEqual({
      listen: { transport: 'tcp', host: '127.0.0.1', port: 4005 },
    });
  });

  it('refuses to generate it a second time', () => {
    expect(() => inCopy('npm', 'run', '--silent', 'generate:module', '--', MODULE)).toThrow(`"${MODULE}" is already a module`);
  });

  it('type-checks, passes its own tests, the boundaries, the topologies, the contracts and the module graph', () => {
    inCopy('npx', 'tsc', '-p', 'tsconfig.json', '--noEmit');
    inCopy('npm', 'run', '--silent', 'lint:deps');
    inCopy('npm', 'run', '--silent', 'contracts:check');
    inCopy(
      'npx',
      'jest',
      '--config',
      'jest.config.js',
      '--selectProjects',
      'unit',
      '--maxWorkers=1',
      '--testPathPatterns',
      `libs/${MODULE}/|module-boundaries|module-graph|load-topology|deployment-artefacts`,
    );
  }, 180_000);

  it('builds, and answers its command and query through the gateway in the monolith and in a process of its own', () => {
    inCopy('npm', 'run', '--silent', 'build');
    const smoke = (topology: string, base: number) =>
      JSON.parse(
        inCopy(
          'npx',
          'ts-node',
          '--transpile-only',
          '-r',
          'tsconfig-paths/register',
          'scripts/generate-module/smoke-module.ts',
          MODULE,
          topology,
          String(testPort(base)),
        )
          .trim()
          .split('\n')
          .pop()!,
      ) as object;

    expect(smoke('monolith', 25600)).toMatchObject({ processes: ['main'], transport: 'in-process', audited: true });
    expect(smoke(`${MODULE}-remote`, 25700)).toMatchObject({ processes: [MODULE, 'main'], transport: 'tcp', audited: true });
  }, 180_000);
});
