import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds `algorithm`: entries written before the chain key existed keep `sha256` (the default the
 * column gets them with), new ones are written `hmac-sha256` (ADR 0024). A plain ADD COLUMN:
 * TypeORM's `addColumn` rebuilds a SQLite table, which would drop its append-only triggers.
 */
export class AuditChainAlgorithm1764201600100 implements MigrationInterface {
  name = 'AuditChainAlgorithm1764201600100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${table(queryRunner)} ADD COLUMN "algorithm" varchar(16) NOT NULL DEFAULT 'sha256'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${table(queryRunner)} DROP COLUMN "algorithm"`);
  }
}

/** On PostgreSQL the table is qualified with the module's schema (not on the search_path). */
function table(queryRunner: QueryRunner): string {
  const { driver, options } = queryRunner.connection;
  return options.type === 'postgres' ? `${driver.escape(driver.schema ?? 'public')}.audit_entries` : 'audit_entries';
}
