import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { createPostgresAppendOnlyTriggers, createSqliteAppendOnlyTriggers, dropPostgresAppendOnlyFunction } from './append-only-triggers';

const SEARCHABLE = ['traceId', 'actor', 'module'];

/** The log table, its indexes, and triggers that make UPDATE and DELETE fail in the database. */
export class AuditTables1732406400100 implements MigrationInterface {
  name = 'AuditTables1732406400100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          // The primary key is the unique index on seq: a second append after the same head fails.
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
    for (const column of SEARCHABLE) {
      await queryRunner.createIndex('audit_entries', new TableIndex({ name: `audit_entries_${column}`, columnNames: [column] }));
    }
    if (this.isPostgres(queryRunner)) await createPostgresAppendOnlyTriggers(queryRunner);
    else await createSqliteAppendOnlyTriggers(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_entries');
    if (this.isPostgres(queryRunner)) await dropPostgresAppendOnlyFunction(queryRunner);
  }

  private isPostgres(queryRunner: QueryRunner): boolean {
    return queryRunner.connection.options.type === 'postgres';
  }
}
