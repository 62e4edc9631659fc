import { AuditChainReport, AuditEntryView } from '@app/contracts';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoredEntry } from '../src/chain/entry-hash';
import { AuditTestApp, eventually, startAuditTestApp } from './support/audit-test-app';
import { insertStatement, legacyRows, rehashedWithoutKey } from './support/chained-rows';
import { asAdmin, invoicePaid, userRegistered } from './support/events';
import { dropAppendOnlyTriggers, runSql, runSqlAtomically } from './support/sqlite-file';

const verify = (audit: AuditTestApp): Promise<AuditChainReport> => asAdmin(() => audit.gateway.verifyChain());
const newest = (audit: AuditTestApp): Promise<AuditEntryView> =>
  asAdmin(() => audit.gateway.search({ limit: 1 })).then((page) => page.entries[0]);
const kinds = (report: AuditChainReport) => report.problems.map(({ kind, seq }) => `${kind}@${seq}`);
const rows = (audit: AuditTestApp, where: string) =>
  runSql<StoredEntry>(audit.databaseFile, `SELECT * FROM audit_entries WHERE ${where} ORDER BY seq`);
const checkpointLines = (audit: AuditTestApp) => readFileSync(audit.checkpointFile, 'utf8').trim().split('\n');

async function deliverSome(audit: AuditTestApp, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await audit.deliver(i % 2 === 0 ? userRegistered() : invoicePaid());
}

/** Waits until the checkpoint writer has pinned the newest entry. */
async function checkpointed(audit: AuditTestApp, seq: number): Promise<void> {
  await eventually(async () => expect((await verify(audit)).checkpoint?.seq).toBe(seq), 5000);
}

// Real SQLite files and a 100 ms checkpoint timer: give a loaded CI machine room.
jest.setTimeout(20_000);

describe('verifying the audit chain (audit.chain.verify.v2)', () => {
  it('an empty log is valid, with no head and no checkpoint yet', async () => {
    const audit = await startAuditTestApp();
    try {
      await expect(verify(audit)).resolves.toEqual({
        valid: true,
        entries: 0,
        legacyEntries: 0,
        head: '',
        checkpoint: null,
        problems: [],
        warnings: ['no checkpoint yet: a truncated log or a rewritten tail cannot be told'],
      });
    } finally {
      await audit.close();
    }
  });

  describe('on an untouched log', () => {
    let audit: AuditTestApp;

    beforeAll(async () => {
      audit = await startAuditTestApp();
      await deliverSome(audit, 5);
      await checkpointed(audit, 5);
    });

    afterAll(() => audit?.close());

    it('is valid against a checkpoint of its newest entry; every entry is sealed with the key', async () => {
      const head = await newest(audit);

      const report = await verify(audit);

      expect(report).toMatchObject({ valid: true, entries: 5, legacyEntries: 0, head: head.hash, problems: [], warnings: [] });
      expect(report.checkpoint).toMatchObject({ seq: 5, head: head.hash });
      expect((await rows(audit, '1 = 1')).map((row) => row.algorithm)).toEqual(Array(5).fill('hmac-sha256'));
    });

    it('writes a checkpoint only when the head moved', async () => {
      const before = checkpointLines(audit);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(checkpointLines(audit)).toEqual(before);

      await audit.deliver(userRegistered());

      await checkpointed(audit, 6);
      expect(checkpointLines(audit)).toHaveLength(before.length + 1);
    });

    it('the database refuses an UPDATE or a DELETE of an entry', async () => {
      await expect(runSql(audit.databaseFile, `UPDATE audit_entries SET actor = 'user:someone-else' WHERE seq = 2`)).rejects.toThrow(
        'audit_entries is append-only',
      );
      await expect(runSql(audit.databaseFile, 'DELETE FROM audit_entries')).rejects.toThrow('audit_entries is append-only');
    });
  });

  describe('on a log changed behind the module’s back (triggers dropped first), after a checkpoint of entry 6', () => {
    let audit: AuditTestApp;

    beforeEach(async () => {
      audit = await startAuditTestApp();
      await deliverSome(audit, 6);
      await checkpointed(audit, 6);
      await dropAppendOnlyTriggers(audit.databaseFile);
    });

    afterEach(() => audit?.close());

    it('an edited payload is reported as edited at that entry', async () => {
      await runSql(audit.databaseFile, `UPDATE audit_entries SET payload = '{"tampered":true}' WHERE seq = 3`);

      const report = await verify(audit);

      expect(report).toMatchObject({ valid: false, entries: 6 });
      expect(report.problems).toEqual([
        { kind: 'edited', seq: 3, detail: 'entry 3 does not match its MAC: changed in place after being written' },
      ]);
    });

    it('a deleted middle entry is reported as deleted', async () => {
      await runSql(audit.databaseFile, 'DELETE FROM audit_entries WHERE seq = 4');

      expect(kinds(await verify(audit))).toEqual(['deleted@4']);
    });

    it('deleted newest entries are reported as truncated, and no checkpoint vouches for the shorter log', async () => {
      const before = checkpointLines(audit);
      await runSql(audit.databaseFile, 'DELETE FROM audit_entries WHERE seq > 4');

      expect(kinds(await verify(audit))).toEqual(['truncated@5']);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(checkpointLines(audit)).toEqual(before);
    });

    it('a tail rewritten with recomputed hashes (no key) is reported as rewritten', async () => {
      let previous = (await rows(audit, 'seq = 3'))[0].hash;
      for (const row of await rows(audit, 'seq >= 4')) {
        const forged = rehashedWithoutKey({ ...row, actor: 'user:someone-else', prevHash: previous });
        await runSql(
          audit.databaseFile,
          `UPDATE audit_entries SET actor = '${forged.actor}', prevHash = '${forged.prevHash}', algorithm = '${forged.algorithm}', hash = '${forged.hash}' WHERE seq = ${row.seq}`,
        );
        previous = forged.hash;
      }

      expect(kinds(await verify(audit))).toEqual(['rewritten@4']);
    });

    it('an entry appended without the key is reported as forged, and no checkpoint covers it', async () => {
      const [head] = await rows(audit, 'seq = 6');
      const forged = rehashedWithoutKey({ ...head, seq: 7, eventId: 'f0f0f0f0-0000-4000-8000-000000000007', prevHash: head.hash });
      const before = checkpointLines(audit);
      await runSql(audit.databaseFile, insertStatement([forged]));

      expect(kinds(await verify(audit))).toEqual(['forged@7']);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(checkpointLines(audit)).toEqual(before);
    });

    it('a checkpoint line written without the key is reported, and the log is still checked against the last authentic one', async () => {
      appendFileSync(
        audit.checkpointFile,
        `${JSON.stringify({ seq: 9, head: 'e'.repeat(64), at: new Date().toISOString(), mac: 'f'.repeat(64) })}\n`,
      );

      const report = await verify(audit);

      expect(kinds(report)).toEqual(['checkpoint-invalid@9']);
      expect(report.checkpoint?.seq).toBe(6);
    });
  });

  it('on shutdown, the newest entry is checkpointed even before the interval came round', async () => {
    const checkpointFile = join(mkdtempSync(join(tmpdir(), 'audit-shutdown-')), 'checkpoints.jsonl');
    const audit = await startAuditTestApp({ AUDIT_CHECKPOINT_FILE: checkpointFile, AUDIT_CHECKPOINT_INTERVAL_MS: '3600000' });
    await deliverSome(audit, 3);
    const head = await newest(audit);

    await audit.close();

    expect(JSON.parse(checkpointLines(audit).at(-1)!)).toMatchObject({ seq: 3, head: head.hash });
  });

  describe('on a log written before the chain key, longer than one page (verified 500 entries at a time)', () => {
    let audit: AuditTestApp;
    const legacy = legacyRows(1234);

    beforeAll(async () => {
      audit = await startAuditTestApp();
      // One transaction: a checkpoint (every 100 ms here) taken halfway would make the rest a downgrade.
      const batches = [];
      for (let start = 0; start < legacy.length; start += 200) batches.push(insertStatement(legacy.slice(start, start + 200)));
      await runSqlAtomically(audit.databaseFile, batches);
    });

    afterAll(() => audit?.close());

    it('walks every page and finds the legacy chain valid', async () => {
      await expect(verify(audit)).resolves.toMatchObject({ valid: true, entries: 1234, legacyEntries: 1234, head: legacy[1233].hash });
    });

    it('the next event is sealed with the key and chained on the last legacy hash', async () => {
      await audit.deliver(userRegistered());

      await expect(newest(audit)).resolves.toMatchObject({ seq: 1235, prevHash: legacy[1233].hash, algorithm: 'hmac-sha256' });
      await checkpointed(audit, 1235);
      await expect(verify(audit)).resolves.toMatchObject({ valid: true, entries: 1235, legacyEntries: 1234 });
    });

    it('a legacy entry edited on a later page is found', async () => {
      await dropAppendOnlyTriggers(audit.databaseFile);
      await runSql(audit.databaseFile, `UPDATE audit_entries SET module = 'auth' WHERE seq = 777`);

      await expect(verify(audit).then(kinds)).resolves.toEqual(['edited@777']);
    });
  });
});
