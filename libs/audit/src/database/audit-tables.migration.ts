import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const APPEND_ONLY = 'audit_entries is append-only';

/** The log table, its indexes, and triggers that make UPDATE and DELETE fail in the database. */
export class AuditTables1732406400100 implements MigrationInterface {
  name = 'AuditTables1732406400100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'eventId', type: 'varchar', length: '36' },
          { name: 'action', type: 'varchar', length: '120' },
          { name: 'module', type: 'varchar', length: '40' },
          { name: 'actor', type: 'varchar', length: '80' },
          { name: 'traceId', type: 'varchar', length: '32' },
          { name: 'payload', type: 'text' },
          { name: 'occurredAt', type: 'varchar', length: '30' },
          { name: 'recordedAt', type: 'varchar', length: '30' },
          { name: 'prevHash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    for (const column of ['traceId', 'actor', 'module']) {
      await queryRunner.createIndex('audit_entries', new TableIndex({ name: `audit_entries_${column}`, columnNames: [column] }));
    }
    await (queryRunner.connection.options.type === 'postgres' ? this.postgresTriggers(queryRunner) : this.sqliteTriggers(queryRunner));
  }

  private async sqliteTriggers(queryRunner: QueryRunner): Promise<void> {
    for (const operation of ['UPDATE', 'DELETE']) {
      await queryRunner.query(
        `CREATE TRIGGER audit_entries_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_entries BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
      );
    }
  }

  private async postgresTriggers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${APPEND_ONLY}'; END; $$ LANGUAGE plpgsql`,
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_entries');
  }
}
