import { BillingContract, GATEWAY } from '@app/contracts';
import { EnvelopeMeta } from '../envelope/envelope';
import { HandlerMetadata } from './handler-policy';
import { readPlatformConfig } from '../config/platform-config';
import { policyRefusal } from './policy-refusal';

const NOW = Date.UTC(2026, 10, 26, 8, 0, 0);
const handler: HandlerMetadata = { contract: BillingContract.refundInvoice, callers: [GATEWAY], roles: ['admin'] };
const meta = (overrides: Partial<EnvelopeMeta> = {}): EnvelopeMeta => ({
  messageId: 'm-1',
  pattern: BillingContract.refundInvoice.pattern,
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  caller: GATEWAY,
  callee: 'billing',
  actor: { kind: 'user', id: 'u-1', roles: ['admin'] },
  issuedAt: NOW,
  deadline: NOW + 5000,
  ...overrides,
});

describe('the one shared handler policy', () => {
  it('lets a well-formed message through', () => {
    expect(policyRefusal(handler, meta(), 60_000, NOW)).toBeUndefined();
  });

  it('refuses a message past its deadline', () => {
    expect(policyRefusal(handler, meta({ deadline: NOW - 1 }), 60_000, NOW)).toMatchObject({ reason: 'deadline-expired', status: 504 });
  });

  it('refuses a deadline further after its issue than the cap: the year 2100 is not a deadline', () => {
    const far = policyRefusal(handler, meta({ deadline: Date.UTC(2100, 0, 1) }), 60_000, NOW);
    expect(far).toMatchObject({ reason: 'bad-envelope', status: 400, message: expect.stringMatching(/more than 60000 ms/) });
    expect(policyRefusal(handler, meta({ deadline: NOW + 60_000 }), 60_000, NOW)).toBeUndefined();
    expect(policyRefusal(handler, meta({ deadline: NOW + 60_001 }), 60_000, NOW)).toMatchObject({ reason: 'bad-envelope' });
  });

  it('measures from now when issuedAt claims to lie in the future', () => {
    const refusal = policyRefusal(handler, meta({ issuedAt: NOW + 3_600_000, deadline: NOW + 3_630_000 }), 60_000, NOW);
    expect(refusal).toMatchObject({ reason: 'bad-envelope' });
  });

  it('refuses callers and roles the handler does not list', () => {
    expect(policyRefusal(handler, meta({ caller: 'billing' as never }), 60_000, NOW)).toMatchObject({ reason: 'caller-not-allowed' });
    expect(policyRefusal(handler, meta({ actor: { kind: 'user', id: 'u-1', roles: ['user'] } }), 60_000, NOW)).toMatchObject({
      reason: 'role-missing',
    });
  });

  it('reads the cap from MAX_DEADLINE_MS (60 s by default), never below CALL_TIMEOUT_MS, and refuses a bad value at start', () => {
    expect(readPlatformConfig({}).maxDeadlineMs).toBe(60_000);
    expect(readPlatformConfig({ MAX_DEADLINE_MS: '30000' }).maxDeadlineMs).toBe(30_000);
    expect(readPlatformConfig({ MAX_DEADLINE_MS: '1000', CALL_TIMEOUT_MS: '5000' }).maxDeadlineMs).toBe(5000);
    expect(() => readPlatformConfig({ MAX_DEADLINE_MS: 'soon' })).toThrow(/MAX_DEADLINE_MS must be a positive integer \(got "soon"\)/);
  });
});
