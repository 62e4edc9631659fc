import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * `recipients.cancelledAt`: set by `auth.registration.cancelled.v1` (ADR 0019). The row stays as a
 * tombstone so that events arriving later cannot bring the signup's mails back. The new
 * notification status `cancelled` fits the existing `varchar(10)` column and needs no change.
 */
export class RecipientCancelled1764144000000 implements MigrationInterface {
  name = 'RecipientCancelled1764144000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('recipients', new TableColumn({ name: 'cancelledAt', type: 'varchar', length: '30', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('recipients', 'cancelledAt');
  }
}
