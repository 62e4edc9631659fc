import { canonicalJson } from '@app/platform';
import { testPort } from '@app/testing';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { adminToken, newAccount } from '../support/accounts';
import { runAuditVerifyCli } from '../support/audit-verify-cli';
import { eventually } from '../support/eventually';
import { runSql } from '../support/sqlite-file';
import { SystemUnderTest } from '../support/system-under-test';

type Row = Record<string, string | number>;

const COLUMNS = [
  'seq',
  'eventId',
  'action',
  'module',
  'actor',
  'traceId',
  'payload',
  'occurredAt',
  'recordedAt',
  'prevHash',
  'algorithm',
  'hash',
];

/**
 * Issue 7, item 6: someone with file access to the audit database — append-only triggers
 * dropped — edits, deletes, truncates, rewrites or forges entries in the live SQLite file, and
 * both `GET /audit/verify` (through the gateway, audit's own process in all-remote) and
 * `npm run audit:verify` (spawned on the same files) report each as what it is. Each case puts
 * the rows back afterwards, and the log verifies again against the same checkpoint.
 */
export function describeAuditTampering(topologyName: string, basePort: number): void {
  describe(`audit tampering is reported by GET /audit/verify and npm run audit:verify, in topology "${topologyName}"`, () => {
    const system = new SystemUnderTest(topologyName, testPort(basePort), { AUDIT_CHECKPOINT_INTERVAL_MS: '200' });
    const auditFile = join(system.dataDir, 'audit.sqlite');
    let admin = '';
    let newest = 0;

    const verify = () => system.http('GET', '/audit/verify', { token: admin });
    const rows = (where: string, params: unknown[] = []) =>
      runSql(auditFile, `SELECT * FROM audit_entries WHERE ${where} ORDER BY seq`, params) as Promise<Row[]>;
    /** Writes rows as they are given, replacing any row of the same seq. */
    const putRows = async (list: Row[]) => {
      for (const row of list)
        await runSql(
          auditFile,
          `INSERT OR REPLACE INTO audit_entries (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
          COLUMNS.map((c) => row[c]),
        );
    };

    /** Both the endpoint and the CLI report exactly one problem, of this kind, at this entry. */
    async function expectReported(kind: string, seq: number): Promise<void> {
      const endpoint = await verify();
      expect(endpoint.status).toBe(200);
      expect(endpoint.body).toMatchObject({ valid: false, problems: [{ kind, seq }] });
      expect(endpoint.body.problems).toHaveLength(1);
      const cli = await runAuditVerifyCli(system.dataDir);
      expect(cli.output).toContain('audit log: TAMPERED');
      expect(cli.output).toContain(`  ${kind} at entry ${seq}: `);
      expect(cli.code).toBe(1);
    }

    /** After the rows were put back, the log verifies against the checkpoint taken before any tampering. */
    async function expectIntactAgain(): Promise<void> {
      const endpoint = await verify();
      expect(endpoint.body).toMatchObject({ valid: true, entries: newest, problems: [], checkpoint: { seq: newest } });
      expect(await runAuditVerifyCli(system.dataDir)).toMatchObject({ code: 0, output: expect.stringContaining('audit log: VALID') });
    }

    beforeAll(async () => {
      await system.start();
      admin = await adminToken(system);
      for (let i = 0; i < 3; i++) await newAccount(system, 'audited');
      // Wait for the last events to be recorded and checkpointed: the log is quiet from here on.
      let seen = -1;
      await eventually(
        async () => {
          const { body } = await verify();
          const settled = body.valid && body.checkpoint?.seq === body.entries && body.entries === seen;
          seen = body.entries;
          expect(settled).toBe(true);
        },
        30_000,
        400,
      );
      newest = seen;
      await expectIntactAgain();
      const triggers = await runSql(auditFile, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'");
      for (const { name } of triggers) await runSql(auditFile, `DROP TRIGGER "${String(name)}"`);
    }, 120_000);

    afterAll(() => system.stop(), 60_000);

    it('an edited payload is reported as edited at that entry', async () => {
      const original = await rows('seq = 2');
      await runSql(auditFile, `UPDATE audit_entries SET payload = '{"tampered":true}' WHERE seq = 2`);

      await expectReported('edited', 2);

      await putRows(original);
      await expectIntactAgain();
    });

    it('a deleted middle entry is reported as deleted', async () => {
      const original = await rows('seq = 3');
      await runSql(auditFile, 'DELETE FROM audit_entries WHERE seq = 3');

      await expectReported('deleted', 3);

      await putRows(original);
      await expectIntactAgain();
    });

    it('the newest entries deleted are reported as truncated, from the first one missing', async () => {
      const original = await rows('seq > ?', [newest - 2]);
      await runSql(auditFile, 'DELETE FROM audit_entries WHERE seq > ?', [newest - 2]);

      await expectReported('truncated', newest - 1);

      await putRows(original);
      await expectIntactAgain();
    });

    it('a tail rewritten with recomputed hashes, as someone without the key can, is reported as rewritten', async () => {
      const original = await rows('seq >= ?', [newest - 2]);
      let prevHash = String((await rows('seq = ?', [newest - 3]))[0].hash);
      const rewritten = original.map((row) => {
        const forged = withoutKey({ ...row, actor: 'system', prevHash });
        prevHash = String(forged.hash);
        return forged;
      });
      await putRows(rewritten);

      await expectReported('rewritten', newest - 2);

      await putRows(original);
      await expectIntactAgain();
    });

    it('an entry appended after the newest one, hashed without the key, is reported as forged', async () => {
      const [head] = await rows('seq = ?', [newest]);
      const forged = withoutKey({ ...head, seq: newest + 1, eventId: '0badc0de-0000-4000-8000-000000000001', prevHash: head.hash });
      await putRows([forged]);

      await expectReported('forged', newest + 1);

      await runSql(auditFile, 'DELETE FROM audit_entries WHERE seq = ?', [newest + 1]);
      await expectIntactAgain();
    });
  });
}

/** The best an attacker without the chain key can do: the unkeyed SHA-256 of the content, labelled legacy. */
function withoutKey(row: Row): Row {
  const content = Object.fromEntries(COLUMNS.filter((c) => c !== 'hash' && c !== 'algorithm').map((c) => [c, row[c]]));
  const hash = createHash('sha256')
    .update(canonicalJson({ ...content, payload: JSON.parse(String(row.payload)) as unknown }))
    .digest('hex');
  return { ...row, algorithm: 'sha256', hash };
}
