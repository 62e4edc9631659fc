import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The kernel's tables in every module's schema: outbox (to send) and inbox (already handled). */
export class PlatformTables1732406400000 implements MigrationInterface {
  name = 'PlatformTables1732406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'eventId', type: 'varchar', length: '36' },
          { name: 'pattern', type: 'varchar', length: '120' },
          { name: 'source', type: 'varchar', length: '40' },
          { name: 'subscriber', type: 'varchar', length: '40' },
          { name: 'payload', type: 'text' },
          { name: 'traceparent', type: 'varchar', length: '60' },
          { name: 'actor', type: 'text' },
          { name: 'occurredAt', type: 'varchar', length: '30' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'nextAttemptAt', type: 'bigint' },
          { name: 'deliveredAt', type: 'varchar', length: '30', isNullable: true },
          { name: 'lastError', type: 'text', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('outbox_messages', new TableIndex({ name: 'outbox_due', columnNames: ['deliveredAt', 'nextAttemptAt'] }));
    await queryRunner.createTable(
      new Table({
        name: 'inbox_messages',
        columns: [
          { name: 'eventId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'pattern', type: 'varchar', length: '120' },
          { name: 'source', type: 'varchar', length: '40' },
          { name: 'receivedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('inbox_messages');
    await queryRunner.dropTable('outbox_messages');
  }
}
