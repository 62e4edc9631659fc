import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });

const PLANS = [
  { id: 'basic-monthly', name: 'Basic', amountMinor: 900, currency: 'EUR', interval: 'month' },
  { id: 'pro-monthly', name: 'Pro', amountMinor: 2900, currency: 'EUR', interval: 'month' },
  { id: 'pro-yearly', name: 'Pro yearly', amountMinor: 29000, currency: 'EUR', interval: 'year' },
];

/** Billing's schema (no foreign key leaves it) and the plans on offer. */
export class BillingTables1732406400200 implements MigrationInterface {
  name = 'BillingTables1732406400200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      new Table({
        name: 'plans',
        columns: [{ ...text('id', 64), isPrimary: true }, text('name', 80), int('amountMinor'), text('currency', 3), text('interval', 5)],
      }),
      new Table({ name: 'customers', columns: [{ ...text('userId', 36), isPrimary: true }, text('createdAt', 30)] }),
      new Table({
        name: 'subscriptions',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('userId', 36),
          text('planId', 64),
          text('status', 20),
          text('createdAt', 30),
          text('endedAt', 30, true),
        ],
      }),
      new Table({
        name: 'invoices',
        columns: [
          { ...text('id', 36), isPrimary: true },
          ...[text('subscriptionId', 36), text('userId', 36), int('amountMinor'), text('currency', 3), text('status', 10)],
          ...[text('failureReason', 200, true), text('chargeId', 100, true), text('refundId', 100, true)],
          ...[text('createdAt', 30), text('paidAt', 30, true), text('refundedAt', 30, true)],
        ],
      }),
      new Table({
        name: 'idempotency_keys',
        columns: [
          ...[
            { ...text('userId', 36), isPrimary: true },
            { ...text('operation', 40), isPrimary: true },
            { ...text('key', 255), isPrimary: true },
          ],
          ...[
            text('requestHash', 64),
            text('state', 10),
            int('responseStatus', true),
            { name: 'responseBody', type: 'text', isNullable: true },
          ],
          ...[text('createdAt', 30), text('expiresAt', 30)],
        ],
      }),
    ];
    for (const table of tables) await queryRunner.createTable(table);
    await queryRunner.createIndex('subscriptions', new TableIndex({ name: 'subscriptions_user', columnNames: ['userId'] }));
    await queryRunner.createIndex('invoices', new TableIndex({ name: 'invoices_user', columnNames: ['userId'] }));
    await queryRunner.createIndex('invoices', new TableIndex({ name: 'invoices_subscription', columnNames: ['subscriptionId'] }));
    const schema = (queryRunner.connection.options as { schema?: string }).schema;
    await queryRunner.manager
      .createQueryBuilder()
      .insert()
      .into(schema ? `${schema}.plans` : 'plans')
      .values(PLANS)
      .execute();
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'invoices', 'subscriptions', 'customers', 'plans']) await queryRunner.dropTable(table);
  }
}
