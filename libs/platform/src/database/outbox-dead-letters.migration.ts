import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * ADR 0016: an outbox row carries the key its delivery is ordered by, and can be dead-lettered
 * after `OUTBOX_MAX_ATTEMPTS` refusals by its subscriber (how many, when, and why). Rows written before it have no key: they wait for nothing.
 */
export class OutboxDeadLetters1764115200000 implements MigrationInterface {
  name = 'OutboxDeadLetters1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('outbox_messages', [
      new TableColumn({ name: 'orderingKey', type: 'varchar', length: '120', isNullable: true }),
      new TableColumn({ name: 'refusals', type: 'integer', default: 0 }),
      new TableColumn({ name: 'deadLetteredAt', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({ name: 'deadLetterReason', type: 'text', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'outbox_messages',
      new TableIndex({ name: 'outbox_key', columnNames: ['subscriber', 'orderingKey', 'seq'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('outbox_messages', 'outbox_key');
    await queryRunner.dropColumns('outbox_messages', ['deadLetterReason', 'deadLetteredAt', 'refusals', 'orderingKey']);
  }
}
