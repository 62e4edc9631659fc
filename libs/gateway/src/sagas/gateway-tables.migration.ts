import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

/** The gateway's own schema: its saga log (ADR 0018). */
export class GatewayTables1764100000000 implements MigrationInterface {
  name = 'GatewayTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'saga_instances',
        columns: [
          { ...text('id', 36), isPrimary: true },
          ...[text('type', 40), text('key', 254), text('state', 20), text('step', 40)],
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'lastError', type: 'text', isNullable: true },
          { name: 'data', type: 'text' },
          ...[text('leaseOwner', 80, true), text('leaseUntil', 30, true)],
          ...[text('createdAt', 30), text('updatedAt', 30), text('finishedAt', 30, true)],
        ],
      }),
    );
    // One unfinished instance per business key: a second signup of an email being worked on waits.
    await queryRunner.createIndex(
      'saga_instances',
      new TableIndex({ name: 'saga_instances_active_key', columnNames: ['type', 'key'], isUnique: true, where: '"finishedAt" IS NULL' }),
    );
    await queryRunner.createIndex('saga_instances', new TableIndex({ name: 'saga_instances_state', columnNames: ['state', 'updatedAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('saga_instances');
  }
}
