import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The auth module's tables, with TypeORM's Table API so it runs on SQLite and PostgreSQL alike. */
export class AuthTables1732492800000 implements MigrationInterface {
  name = 'AuthTables1732492800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'passwordHash', type: 'varchar', length: '255' },
          { name: 'roles', type: 'text' },
          { name: 'createdAt', type: 'varchar', length: '30' },
          { name: 'failedLoginCount', type: 'integer', default: 0 },
          { name: 'failedLoginSince', type: 'varchar', length: '30', isNullable: true },
          { name: 'lockedUntil', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('users', new TableIndex({ name: 'users_email_unique', columnNames: ['email'], isUnique: true }));
    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'userId', type: 'varchar', length: '36' },
          { name: 'familyId', type: 'varchar', length: '36' },
          { name: 'issuedAt', type: 'varchar', length: '30' },
          { name: 'expiresAt', type: 'varchar', length: '30' },
          { name: 'revokedAt', type: 'varchar', length: '30', isNullable: true },
          { name: 'revokedReason', type: 'varchar', length: '20', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'refresh_tokens',
      new TableIndex({ name: 'refresh_tokens_hash_unique', columnNames: ['tokenHash'], isUnique: true }),
    );
    await queryRunner.createIndex('refresh_tokens', new TableIndex({ name: 'refresh_tokens_family', columnNames: ['familyId'] }));
    await queryRunner.createIndex('refresh_tokens', new TableIndex({ name: 'refresh_tokens_user', columnNames: ['userId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('refresh_tokens');
    await queryRunner.dropTable('users');
  }
}
