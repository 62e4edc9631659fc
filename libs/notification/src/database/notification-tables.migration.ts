import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The notification module's tables, with TypeORM's Table API so it runs on SQLite and PostgreSQL alike. */
export class NotificationTables1732579200000 implements MigrationInterface {
  name = 'NotificationTables1732579200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'recipients',
        columns: [
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'registeredAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'eventId', type: 'varchar', length: '36' },
          { name: 'userId', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'channel', type: 'varchar', length: '10' },
          { name: 'recipient', type: 'varchar', length: '254' },
          { name: 'subject', type: 'varchar', length: '200' },
          { name: 'body', type: 'text' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'lastError', type: 'text', isNullable: true },
          { name: 'nextAttemptAt', type: 'bigint' },
          { name: 'createdAt', type: 'varchar', length: '30' },
          { name: 'sentAt', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'notifications',
      new TableIndex({ name: 'notifications_event_unique', columnNames: ['eventId'], isUnique: true }),
    );
    await queryRunner.createIndex('notifications', new TableIndex({ name: 'notifications_user', columnNames: ['userId', 'createdAt'] }));
    await queryRunner.createIndex('notifications', new TableIndex({ name: 'notifications_due', columnNames: ['status', 'nextAttemptAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notifications');
    await queryRunner.dropTable('recipients');
  }
}
