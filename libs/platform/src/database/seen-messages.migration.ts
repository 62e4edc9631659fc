import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * ADR 0023: the message IDs of commands received over a wire, each until its deadline, in the
 * callee module's own database — so a replay is refused after a restart, and by every replica.
 */
export class SeenMessages1764201600000 implements MigrationInterface {
  name = 'SeenMessages1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'seen_messages',
        columns: [
          { name: 'messageId', type: 'varchar', length: '64', isPrimary: true },
          { name: 'expiresAt', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('seen_messages', new TableIndex({ name: 'seen_messages_expiry', columnNames: ['expiresAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('seen_messages');
  }
}
