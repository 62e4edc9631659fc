import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const workspace = join(__dirname, '..', '..');
const fixture = join(__dirname, '__fixtures__', 'violating-workspace');

interface CruiseViolation {
  from: string;
  to: string;
  rule: { name: string };
}

/** `npm run lint:deps` on the planted workspace: every rule of .dependency-cruiser.js must fire. */
function cruiseFixture(): string[] {
  const depcruise = join(workspace, 'node_modules', '.bin', 'depcruise');
  const config = join(workspace, '.dependency-cruiser.js');
  const output = execFileSync(depcruise, ['apps', 'libs', '--config', config, '--output-type', 'json'], {
    cwd: fixture,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  }).toString();
  const { violations } = (JSON.parse(output) as { summary: { violations: CruiseViolation[] } }).summary;
  return violations.map((v) => `${v.from} → ${v.to}: ${v.rule.name}`).sort();
}

describe('the dependency-cruiser rules, on the workspace with planted violations', () => {
  it('report each planted violation under the rule it breaks, and nothing allowed', () => {
    expect(cruiseFixture()).toEqual(
      [
        'libs/auth/src/uses-gateway.ts → libs/gateway/src/index.ts: module-imports-gateway-or-app',
        'libs/billing/src/steal-users.ts → libs/auth/src/index.ts: module-imports-other-module',
        'libs/billing/src/steal-users.ts → libs/auth/src/user.entity.ts: module-imports-other-module',
        'libs/billing/src/steal-users.ts → libs/auth/src/user.entity.ts: only-through-index',
        'libs/billing/src/steal-users.ts → libs/platform/src/envelope/envelope-signer.ts: only-through-index',
        'libs/billing/src/uses-test-support.ts → libs/testing/src/index.ts: testing-only-from-tests',
        'libs/contracts/src/index.ts → libs/platform/src/index.ts: contracts-depend-on-nothing-of-ours',
        'libs/platform/src/knows-billing.ts → libs/billing/src/index.ts: platform-depends-only-on-contracts',
        'libs/platform/src/events/climbs-back.ts → libs/platform/src/module/platform.module.ts: kernel-folders-never-import-module',
      ].sort(),
    );
  }, 60_000);
});
