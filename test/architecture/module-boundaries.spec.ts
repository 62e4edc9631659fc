import { join } from 'node:path';
import { describeViolations, findBoundaryViolations } from './boundaries/find-boundary-violations';
import { findTableOwnershipViolations, tablesByModule } from './boundaries/find-table-ownership-violations';
import { brokenRule } from './boundaries/boundary-rules';

const workspace = join(__dirname, '..', '..');
const fixture = join(__dirname, '__fixtures__', 'violating-workspace');

describe('module boundaries of this workspace', () => {
  it('has no import that crosses a module boundary', () => {
    const violations = findBoundaryViolations(workspace);
    expect(describeViolations(violations)).toBe('');
  });

  it("has no module code naming another module's table in SQL", () => {
    const violations = findTableOwnershipViolations(workspace);
    expect(describeViolations(violations)).toBe('');
  });

  it("knows each business module's tables (so the check above has something to look for)", () => {
    const tables = tablesByModule(workspace);
    expect(tables.get('auth')).toEqual(expect.arrayContaining(['users']));
    expect(tables.get('audit')).toEqual(['audit_entries']);
  });
});

describe('the boundary checker, on a workspace with planted violations', () => {
  const violations = findBoundaryViolations(fixture);
  const rulesOf = (file: string) => violations.filter((v) => v.file === file).map((v) => `${v.importPath} → ${v.rule}`);

  it('reports a business module that imports another module', () => {
    expect(rulesOf('libs/billing/src/steal-users.ts')).toContain(
      '@app/auth → a business module (libs/billing) may import only @app/contracts, @app/platform, not @app/auth',
    );
  });

  it("reports a deep import past a lib's index.ts", () => {
    expect(rulesOf('libs/billing/src/steal-users.ts')).toContain(
      "@app/platform/src/envelope/envelope-signer → deep import past platform's index.ts: use '@app/platform'",
    );
  });

  it('reports a relative import that escapes into another lib', () => {
    expect(rulesOf('libs/billing/src/steal-users.ts')).toContain(
      "../../auth/src/user.entity → relative import leaves libs/billing: reach other libs through '@app/<lib>'",
    );
  });

  it('reports contracts importing the kernel (contracts depend on nothing of ours)', () => {
    expect(rulesOf('libs/contracts/src/index.ts')).toEqual(['@app/platform → libs/contracts may import no @app lib, not @app/platform']);
  });

  it('reports a business module that imports the gateway', () => {
    expect(rulesOf('libs/auth/src/uses-gateway.ts')).toEqual([
      '@app/gateway → a business module (libs/auth) may import only @app/contracts, @app/platform, not @app/gateway',
    ]);
  });

  it('reports the kernel importing a business module', () => {
    expect(rulesOf('libs/platform/src/knows-billing.ts')).toHaveLength(1);
  });

  it('lets modules use contracts, platform, their own files and npm packages, and apps use any lib', () => {
    expect(rulesOf('libs/billing/src/allowed.ts')).toEqual([]);
    expect(rulesOf('apps/server/src/main.ts')).toEqual([]);
  });

  it('lets only test code use the shared test support', () => {
    expect(rulesOf('libs/billing/test/billing-test-app.ts')).toEqual([]);
    expect(rulesOf('libs/billing/src/uses-test-support.ts')).toEqual([
      '@app/testing → a business module (libs/billing) may import only @app/contracts, @app/platform, not @app/testing',
    ]);
  });

  it("reports SQL in one module naming another module's table", () => {
    expect(findTableOwnershipViolations(fixture)).toEqual([
      {
        file: 'libs/billing/src/steal-users.ts',
        table: 'users',
        owner: 'auth',
        rule: 'names the table users of module auth: only auth may touch it',
      },
    ]);
  });
});

describe('the one way out of libs/ (ADR 0031)', () => {
  it('lets test support run the PostgreSQL set-up script, and nothing else leave a lib for scripts/', () => {
    expect(brokenRule('libs/testing/src/postgres-cluster.ts', '../../../scripts/postgres/module-roles')).toBeUndefined();
    expect(brokenRule('libs/testing/src/postgres-cluster.ts', '../../../scripts/archipelago/run-state')).toMatch(
      /relative import leaves libs\/testing/,
    );
    expect(brokenRule('libs/billing/src/allowed.ts', '../../../scripts/postgres/module-roles')).toMatch(
      /relative import leaves libs\/billing/,
    );
  });
});
