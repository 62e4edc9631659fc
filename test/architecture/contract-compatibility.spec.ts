import 'reflect-metadata';
import { join } from 'node:path';
import { compareContracts } from '../../scripts/contracts/compare-contracts';
import { failureMessages } from '../../scripts/contracts/compatibility-messages';
import { readSnapshot } from '../../scripts/contracts/contract-snapshot';
import { describeContracts } from '../../scripts/contracts/describe-contracts';
import { classesIn, liveContractSources, SNAPSHOT_FILE } from '../../scripts/contracts/published-contracts';
import * as changed from './__fixtures__/changed-contract/changed-auth.contract';

const CHANGED_ENTRY = join(__dirname, '__fixtures__', 'changed-contract', 'changed-auth.contract.ts');
const published = readSnapshot(SNAPSHOT_FILE);
const live = describeContracts(liveContractSources());
const taken = new Set([...Object.keys(published), ...Object.keys(live)]);

describe('the contract compatibility gate (npm run contracts:check, ADR 0026)', () => {
  it('finds every published pattern in the contracts, unchanged or compatibly extended', () => {
    expect(failureMessages(compareContracts(published, live), taken)).toEqual([]);
  });

  it('describes every pattern of the catalogue, requests with their validation rules', () => {
    expect(Object.keys(live)).toEqual(
      expect.arrayContaining(['auth.user.register.v1', 'billing.invoice.paid.v1', 'platform.events.deliver.v1']),
    );
    expect(live['auth.user.register.v1']).toMatchObject({
      kind: 'command',
      request: { email: 'string @isEmail @maxLength(254)' },
      response: { roles: 'string[]' },
    });
  });

  describe('when a published v1 was edited in place (a planted fixture)', () => {
    const planted = describeContracts({ entryFile: CHANGED_ENTRY, contracts: changed.ChangedAuthContracts, classes: classesIn(changed) });
    const failures = failureMessages(compareContracts(published, { ...live, ...planted }), taken);
    const registerFailure = failures.find((failure) => failure.startsWith('auth.user.register.v1'));

    it('names the pattern and every change, and says to add auth.user.register.v2 beside it', () => {
      expect(registerFailure).toContain('add auth.user.register.v2 beside it');
      expect(registerFailure).toContain('keep auth.user.register.v1 until every caller has moved');
      expect(registerFailure).toContain(
        'request field email: was "string @isEmail @maxLength(254)", now "string @isEmail @maxLength(100)"',
      );
      expect(registerFailure).toContain('request field password became optional');
      expect(registerFailure).toContain('request field inviteCode was added as required');
      expect(registerFailure).toContain('response field roles was removed');
      expect(registerFailure).toContain('response field createdAt: was "string", now "number"');
    });

    it('refuses a field added to a published event', () => {
      const eventFailure = failures.find((failure) => failure.startsWith('auth.user.registered.v1'));
      expect(eventFailure).toContain('payload field locale was added: subscribers on the old version refuse a field they do not know');
      expect(eventFailure).toContain('add auth.user.registered.v2 beside it');
    });
  });
});
