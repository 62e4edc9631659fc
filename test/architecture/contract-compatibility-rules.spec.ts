import { compareContracts, nextVersionOf } from '../../scripts/contracts/compare-contracts';
import { failureMessages, noteMessages } from '../../scripts/contracts/compatibility-messages';
import { ContractDescriptions } from '../../scripts/contracts/contract-description';

const PUBLISHED: ContractDescriptions = {
  'billing.invoice.refund.v1': {
    kind: 'command',
    request: { invoiceId: 'string @isUuid' },
    response: { id: 'string', 'refundedAt?': 'string' },
  },
  'billing.invoice.paid.v1': { kind: 'event', payload: { invoiceId: 'string @isUuid' }, orderingKey: 'userId' },
};

/** The published contracts with one pattern replaced. */
function withChanged(pattern: string, description: ContractDescriptions[string]): ContractDescriptions {
  return { ...PUBLISHED, [pattern]: description };
}

const refund = (request: Record<string, string>, response: Record<string, string> = { id: 'string', 'refundedAt?': 'string' }) =>
  withChanged('billing.invoice.refund.v1', { kind: 'command', request, response });

describe('what a published contract may gain (ADR 0026)', () => {
  it('accepts an optional request field, and reports it as not yet recorded', () => {
    const report = compareContracts(PUBLISHED, refund({ invoiceId: 'string @isUuid', 'reason?': 'string @isOptional' }));
    expect(report.breaking).toEqual([]);
    expect(noteMessages(report)).toEqual([
      'billing.invoice.refund.v1 changed compatibly (request field reason? was added): npm run contracts:snapshot records it',
    ]);
  });

  it('accepts a required field nested in a new optional request field', () => {
    const request = { invoiceId: 'string @isUuid', 'note?': 'object', 'note?.text': 'string' };
    expect(compareContracts(PUBLISHED, refund(request)).breaking).toEqual([]);
  });

  it('refuses a required request field: callers that do not send it would be refused', () => {
    const report = compareContracts(PUBLISHED, refund({ invoiceId: 'string @isUuid', reason: 'string' }));
    expect(report.breaking).toEqual([
      {
        pattern: 'billing.invoice.refund.v1',
        changes: ['request field reason was added as required: callers that do not send it yet are refused'],
      },
    ]);
  });

  it('accepts a new response field, and refuses one made optional', () => {
    const added = compareContracts(
      PUBLISHED,
      refund({ invoiceId: 'string @isUuid' }, { id: 'string', 'refundedAt?': 'string', amount: 'number' }),
    );
    expect(added.breaking).toEqual([]);
    const loosened = compareContracts(PUBLISHED, refund({ invoiceId: 'string @isUuid' }, { 'id?': 'string', 'refundedAt?': 'string' }));
    expect(loosened.breaking[0].changes).toEqual(['response field id became optional']);
  });

  it('refuses a changed validation rule, even a looser one', () => {
    const report = compareContracts(PUBLISHED, refund({ invoiceId: 'string' }));
    expect(report.breaking[0].changes).toEqual(['request field invoiceId: was "string @isUuid", now "string"']);
  });

  it('accepts a module added to an isIn list of modules only when the snapshot is told of it (npm run generate:module)', () => {
    const published = withChanged('billing.invoice.refund.v1', {
      kind: 'command',
      request: { module: 'string @isIn(["auth","billing"])' },
      response: {},
    });
    const live = withChanged('billing.invoice.refund.v1', {
      kind: 'command',
      request: { module: 'string @isIn(["auth","billing","inventory"])' },
      response: {},
    });

    expect(compareContracts(published, live).breaking).toHaveLength(1);
    expect(compareContracts(published, live, ['inventory'])).toMatchObject({
      breaking: [],
      compatible: [{ pattern: 'billing.invoice.refund.v1', changes: ['request field module accepts the new module inventory'] }],
    });
    expect(compareContracts(published, live, ['stock']).breaking).toHaveLength(1);
  });

  it('refuses any event change, the ordering key included', () => {
    const report = compareContracts(
      PUBLISHED,
      withChanged('billing.invoice.paid.v1', { kind: 'event', payload: { invoiceId: 'string @isUuid', 'note?': 'string' } }),
    );
    expect(report.breaking[0].changes).toEqual([
      'payload field note? was added: subscribers on the old version refuse a field they do not know',
      'ordering key: was userId, now none',
    ]);
  });

  it('refuses a removed pattern and says how to retire it once callers moved', () => {
    const { 'billing.invoice.paid.v1': _removed, ...live } = PUBLISHED;
    const [message] = failureMessages(compareContracts(PUBLISHED, live), new Set(Object.keys(PUBLISHED)));
    expect(message).toContain('billing.invoice.paid.v1 is published, and it was removed');
    expect(message).toContain('npm run contracts:snapshot -- --retire billing.invoice.paid.v1');
  });

  it('lets a new pattern in as not yet published, so a v2 can be shaped until it is recorded', () => {
    const live = { ...PUBLISHED, 'billing.invoice.refund.v2': { kind: 'command', request: {}, response: {} } } as ContractDescriptions;
    const report = compareContracts(PUBLISHED, live);
    expect(report.breaking).toEqual([]);
    expect(report.unpublished).toEqual(['billing.invoice.refund.v2']);
  });

  it('suggests the first version neither published nor live', () => {
    expect(nextVersionOf('auth.user.register.v1', new Set(['auth.user.register.v1', 'auth.user.register.v2']))).toBe(
      'auth.user.register.v3',
    );
  });
});
