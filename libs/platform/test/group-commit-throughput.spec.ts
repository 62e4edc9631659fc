import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { ModuleDatabase, readPlatformConfig } from '../src';
import { GroupCommit } from '../src/database/group-commit';
import { openModuleDatabase } from '../src/database/open-module-database';

/**
 * A measurement, not a check: MEASURE=1 runs it. 16 concurrent writers, each transaction two
 * INSERTs, for 2 s per variant: one transaction at a time (groups of one) or group commit, with
 * synchronous FULL or NORMAL.
 */
(process.env.MEASURE === '1' ? describe : describe.skip)('group commit throughput (MEASURE=1)', () => {
  let dataDir: string;
  let database: ModuleDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'archipelago-group-'));
    database = await openModuleDatabase('auth', { entities: [], migrations: [] }, readPlatformConfig({ DATA_DIR: dataDir }));
    await database.transaction((manager) => manager.query('CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT)'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const work = (manager: EntityManager) =>
    manager
      .query('INSERT INTO items (body) VALUES (?)', ['x'.repeat(200)])
      .then(() => manager.query('INSERT INTO items (body) VALUES (?)', ['y']));

  it.each([
    ['one at a time, synchronous=FULL', 1, 'FULL'],
    ['one at a time, synchronous=NORMAL', 1, 'NORMAL'],
    ['group commit, synchronous=FULL', 64, 'FULL'],
    ['group commit, synchronous=NORMAL', 64, 'NORMAL'],
  ])(
    '%s',
    async (name, maxSteps, synchronous) => {
      await database.dataSource.query(`PRAGMA synchronous = ${synchronous}`);
      const group = new GroupCommit(database.dataSource, new WeakMap(), Number(maxSteps));
      const run = (steps: typeof work) =>
        new Promise((resolve, reject) => group.enqueue({ steps: [steps], settle: resolve, fail: reject }));
      const end = Date.now() + 2000;
      let done = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (Date.now() < end) {
            await run(work);
            done++;
          }
        }),
      );
      console.log(`${name}: ${(done / 2).toFixed(0)} transactions/s`);
    },
    30_000,
  );
});
