import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * ADR 0028: replicas of a process share one PostgreSQL schema, so a relay claims the rows it is
 * about to deliver until `claimedUntil` (epoch ms). A crashed relay's claim simply expires.
 * On SQLite (one process per file) the column stays null.
 */
export class OutboxClaims1764374400000 implements MigrationInterface {
  name = 'OutboxClaims1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('outbox_messages', new TableColumn({ name: 'claimedUntil', type: 'bigint', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox_messages', 'claimedUntil');
  }
}
