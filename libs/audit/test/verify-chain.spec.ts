import { AuditChainReport, AuditEntryView } from '@app/contracts';
import { AuditTestApp, startAuditTestApp } from './support/audit-test-app';
import { ChainedRow, chainedRows, insertStatement, rehashed } from './support/chained-rows';
import { asAdmin, invoicePaid, userRegistered } from './support/events';
import { dropAppendOnlyTriggers, runSql } from './support/sqlite-file';

const verify = (audit: AuditTestApp): Promise<AuditChainReport> => asAdmin(() => audit.gateway.verifyChain());
const newest = (audit: AuditTestApp): Promise<AuditEntryView> =>
  asAdmin(() => audit.gateway.search({ limit: 1 })).then((page) => page.entries[0]);

async function startWithEntries(count: number): Promise<AuditTestApp> {
  const audit = await startAuditTestApp();
  for (let i = 0; i < count; i++) await audit.deliver(i % 2 === 0 ? userRegistered() : invoicePaid());
  return audit;
}

describe('verifying the audit chain (audit.chain.verify.v1)', () => {
  it('an empty log is valid, with no head', async () => {
    const audit = await startAuditTestApp();
    try {
      await expect(verify(audit)).resolves.toEqual({ valid: true, entries: 0, head: '' });
    } finally {
      await audit.close();
    }
  });

  describe('on an untouched log', () => {
    let audit: AuditTestApp;

    beforeAll(async () => {
      audit = await startWithEntries(5);
    });

    afterAll(() => audit?.close());

    it('is valid, counts every entry and names the newest hash as head', async () => {
      const head = await newest(audit);

      await expect(verify(audit)).resolves.toEqual({ valid: true, entries: 5, head: head.hash });
    });

    it('the database refuses an UPDATE of an entry', async () => {
      await expect(runSql(audit.databaseFile, `UPDATE audit_entries SET actor = 'user:someone-else' WHERE seq = 2`)).rejects.toThrow(
        'audit_entries is append-only',
      );
    });

    it('the database refuses a DELETE of an entry, or of all of them', async () => {
      await expect(runSql(audit.databaseFile, 'DELETE FROM audit_entries WHERE seq = 5')).rejects.toThrow('audit_entries is append-only');
      await expect(runSql(audit.databaseFile, 'DELETE FROM audit_entries')).rejects.toThrow('audit_entries is append-only');
      await expect(verify(audit)).resolves.toMatchObject({ valid: true, entries: 5 });
    });
  });

  describe('on a log edited behind the module’s back (triggers dropped first)', () => {
    let audit: AuditTestApp;

    beforeEach(async () => {
      audit = await startWithEntries(6);
      await dropAppendOnlyTriggers(audit.databaseFile);
    });

    afterEach(() => audit?.close());

    it('an edited payload breaks the chain at that entry', async () => {
      await runSql(audit.databaseFile, `UPDATE audit_entries SET payload = '{"tampered":true}' WHERE seq = 3`);

      const report = await verify(audit);

      expect(report).toMatchObject({ valid: false, entries: 2, firstBroken: { seq: 3, reason: 'hash does not match the entry content' } });
      const [second] = await runSql<{ hash: string }>(audit.databaseFile, 'SELECT hash FROM audit_entries WHERE seq = 2');
      expect(report.head).toBe(second.hash);
    });

    it('an entry rewritten with a recomputed hash breaks the link of the next entry', async () => {
      const [row] = await runSql<ChainedRow>(audit.databaseFile, 'SELECT * FROM audit_entries WHERE seq = 4');
      const forged = rehashed(row, { actor: 'user:someone-else' });
      await runSql(audit.databaseFile, `UPDATE audit_entries SET actor = '${forged.actor}', hash = '${forged.hash}' WHERE seq = 4`);

      await expect(verify(audit)).resolves.toMatchObject({
        valid: false,
        entries: 4,
        firstBroken: { seq: 5, reason: 'prevHash does not match the previous entry' },
      });
    });

    it('a deleted entry shows as a sequence gap before the next one', async () => {
      await runSql(audit.databaseFile, 'DELETE FROM audit_entries WHERE seq = 5');

      await expect(verify(audit)).resolves.toMatchObject({
        valid: false,
        entries: 4,
        firstBroken: { seq: 6, reason: 'sequence gap before this entry' },
      });
    });

    it('a rewritten prevHash is caught as a broken link', async () => {
      await runSql(audit.databaseFile, `UPDATE audit_entries SET prevHash = '${'0'.repeat(64)}' WHERE seq = 2`);

      await expect(verify(audit)).resolves.toMatchObject({
        valid: false,
        entries: 1,
        firstBroken: { seq: 2, reason: 'prevHash does not match the previous entry' },
      });
    });
  });

  describe('on a log longer than one page (verified 500 entries at a time)', () => {
    let audit: AuditTestApp;
    const rows = chainedRows(1234);

    beforeAll(async () => {
      audit = await startAuditTestApp();
      for (let start = 0; start < rows.length; start += 200)
        await runSql(audit.databaseFile, insertStatement(rows.slice(start, start + 200)));
    });

    afterAll(() => audit?.close());

    it('walks every page and finds the chain valid', async () => {
      await expect(verify(audit)).resolves.toEqual({ valid: true, entries: 1234, head: rows[1233].hash });
    });

    it('a new event is appended after the last page, linked to its head', async () => {
      await audit.deliver(userRegistered());

      await expect(newest(audit)).resolves.toMatchObject({ seq: 1235, prevHash: rows[1233].hash });
      await expect(verify(audit)).resolves.toMatchObject({ valid: true, entries: 1235 });
    });

    it('an entry edited on a later page is found', async () => {
      await dropAppendOnlyTriggers(audit.databaseFile);
      await runSql(audit.databaseFile, `UPDATE audit_entries SET module = 'auth' WHERE seq = 777`);

      await expect(verify(audit)).resolves.toMatchObject({ valid: false, entries: 776, head: rows[775].hash, firstBroken: { seq: 777 } });
    });
  });
});
