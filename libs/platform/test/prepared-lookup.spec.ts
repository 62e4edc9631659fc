import { PostgresCluster, testPort } from '@app/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner, Table } from 'typeorm';
import { ModuleDatabase, readPlatformConfig } from '../src';
import { openModuleDatabase } from '../src/database/open-module-database';

const jsonList = { to: (list: string[]) => JSON.stringify(list), from: (raw: string) => JSON.parse(raw) as string[] };

@Entity('gadgets')
class Gadget {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'text', transformer: jsonList }) tags!: string[];
  @Column({ type: 'integer' }) count!: number;
  @Column({ type: 'varchar', length: 30, nullable: true }) note!: string | null;
}

class CreateGadgets1700000000002 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.createTable(
      new Table({
        name: 'gadgets',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'tags', type: 'text' },
          { name: 'count', type: 'integer' },
          { name: 'note', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
  }
  async down(runner: QueryRunner) {
    await runner.dropTable('gadgets');
  }
}

const postgres = new PostgresCluster(testPort(22980));

describe.each([
  ['SQLite', false],
  ['PostgreSQL', true],
])('a lookup by id prepared once, on %s', (_, onPostgres) => {
  let dataDir: string;
  let database: ModuleDatabase;

  beforeAll(async () => {
    if (onPostgres) await postgres.start();
    dataDir = mkdtempSync(join(tmpdir(), 'archipelago-lookup-'));
    const env = { DATA_DIR: dataDir, ...(onPostgres ? { AUTH_DATABASE_URL: postgres.moduleUrls().AUTH_DATABASE_URL } : {}) };
    database = await openModuleDatabase('auth', { entities: [Gadget], migrations: [CreateGadgets1700000000002] }, readPlatformConfig(env));
    await database.transaction((manager) =>
      manager.insert(Gadget, [
        { id: 'g-1', tags: ['a', 'b'], count: 2, note: null },
        { id: 'g-2', tags: [], count: 0, note: 'second' },
      ]),
    );
  }, 60_000);

  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (onPostgres) postgres.stop();
  });

  it('finds what findOneBy finds, transformers and nulls included', async () => {
    const findGadget = database.byId(Gadget);
    for (const id of ['g-1', 'g-2']) {
      const expected = await database.read((manager) => manager.findOneBy(Gadget, { id }));
      const found = await findGadget(id);
      expect(found).toEqual(expected);
      expect(found).toBeInstanceOf(Gadget);
    }
  });

  it('answers null for a missing row, and sees rows committed after it was prepared', async () => {
    const findGadget = database.byId(Gadget);
    expect(await findGadget('g-3')).toBeNull();
    await database.transaction((manager) => manager.insert(Gadget, { id: 'g-3', tags: ['late'], count: 3, note: null }));
    expect(await findGadget('g-3')).toMatchObject({ id: 'g-3', tags: ['late'], count: 3 });
  });

  it('serves concurrent lookups from one statement', async () => {
    const findGadget = database.byId(Gadget);
    const found = await Promise.all(Array.from({ length: 20 }, (_, i) => findGadget(i % 2 ? 'g-1' : 'g-2')));
    expect(found.map((gadget) => gadget?.id)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'g-1' : 'g-2')));
  });
});
