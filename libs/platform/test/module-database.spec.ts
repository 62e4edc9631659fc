import { recordStatements } from '@app/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { MessageContext, ModuleDatabase, newTrace, readPlatformConfig } from '../src';
import { openModuleDatabase } from '../src/database/open-module-database';
import { sqliteDriver } from '../src/database/sqlite-driver';

const insert = (manager: EntityManager, id: string) => manager.query('INSERT INTO items (id) VALUES (?)', [id]);
const ids = async (database: ModuleDatabase) =>
  (await database.read((manager) => manager.query<Array<{ id: string }>>('SELECT id FROM items ORDER BY id'))).map((row) => row.id);
const settled = <T>(promises: Array<Promise<T>>) => Promise.allSettled(promises).then((all) => all.map((result) => result.status));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('a module database on SQLite', () => {
  let dataDir: string;
  let database: ModuleDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'archipelago-database-'));
    database = await openModuleDatabase('auth', { entities: [], migrations: [] }, readPlatformConfig({ DATA_DIR: dataDir }));
    await database.transaction(async (manager) => {
      await manager.query('CREATE TABLE items (id TEXT PRIMARY KEY)');
      await manager.query('CREATE TABLE links (id TEXT PRIMARY KEY, item TEXT REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED)');
    });
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the writer in WAL with synchronous=NORMAL, and the reader query_only', async () => {
    const [{ journal_mode }] = await database.dataSource.query<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
    const [{ synchronous }] = await database.dataSource.query<Array<{ synchronous: number }>>('PRAGMA synchronous');
    expect([journal_mode, synchronous]).toEqual(['wal', 1]);
    expect(database.reader).not.toBe(database.dataSource);
    await expect(database.read((manager) => insert(manager, 'through the reader'))).rejects.toThrow(/readonly|query_only/i);
  });

  it('puts concurrent transactions into one BEGIN … COMMIT, and answers each after it', async () => {
    const { result, statements } = await recordStatements([database], () =>
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          database.transaction((manager) => insert(manager, `group-${i}`)).then(async () => (await ids(database)).includes(`group-${i}`)),
        ),
      ),
    );
    expect(result).toEqual(Array(10).fill(true));
    const begins = statements.filter((statement) => statement.startsWith('BEGIN')).length;
    expect(begins).toBeLessThanOrEqual(2);
    expect(statements.filter((statement) => statement.startsWith('SAVEPOINT')).length).toBeGreaterThanOrEqual(9);
  });

  it("rolls back a failing unit to its savepoint and keeps the others' work", async () => {
    const outcomes = await settled([
      database.transaction((manager) => insert(manager, 'kept-1')),
      database.transaction(async (manager) => {
        await insert(manager, 'undone');
        throw new Error('this unit fails');
      }),
      database.transaction((manager) => insert(manager, 'kept-2')),
      database.transaction((manager) => insert(manager, 'kept-1')),
    ]);
    expect(outcomes).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(await ids(database)).toEqual(expect.arrayContaining(['kept-1', 'kept-2']));
    expect(await ids(database)).not.toContain('undone');
  });

  it('fails every unit of a group whose COMMIT fails', async () => {
    const outcomes = await settled([
      database.transaction((manager) => insert(manager, 'before-bad-commit')),
      database.transaction((manager) => manager.query("INSERT INTO links (id, item) VALUES ('l1', 'no such item')")),
      database.transaction((manager) => insert(manager, 'also-in-the-group')),
    ]);
    // The first unit may have had a group of its own; the two that shared the bad COMMIT both fail.
    expect(outcomes.slice(1)).toEqual(['rejected', 'rejected']);
    expect(await ids(database)).not.toContain('also-in-the-group');
    await expect(database.transaction((manager) => insert(manager, 'after-bad-commit'))).resolves.toBeDefined();
  });

  it("runs every unit in its caller's async context: trace and actor never leak between units", async () => {
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const context = { trace: newTrace(), actor: { kind: 'user' as const, id: `user-${i}`, roles: [] }, module: 'auth' };
        return MessageContext.run(context, () =>
          database.transaction(async (manager) => {
            const before = MessageContext.current()?.actor;
            await insert(manager, `context-${i}`);
            await tick();
            const after = MessageContext.current()?.trace.traceId;
            const hook = new Promise<string | undefined>((resolve) =>
              database.afterCommit(manager, () => resolve(MessageContext.current()?.trace.traceId)),
            );
            return { expected: context.trace.traceId, user: `user-${i}`, before, after, hook };
          }),
        );
      }),
    );
    for (const { expected, user, before, after, hook } of seen) {
      expect(before).toEqual({ kind: 'user', id: user, roles: [] });
      expect(after).toBe(expected);
      expect(await hook).toBe(expected);
    }
  });

  it('runs afterCommit hooks after the commit, and never for a unit rolled back', async () => {
    const calls: string[] = [];
    await settled([
      database.transaction(async (manager) => {
        await insert(manager, 'hooked');
        database.afterCommit(manager, () => calls.push('committed'));
        calls.push('work done');
      }),
      database.transaction((manager) => {
        database.afterCommit(manager, () => calls.push('rolled back'));
        return Promise.reject(new Error('no'));
      }),
    ]);
    expect(calls).toEqual(['work done', 'committed']);
  });

  it('lets a read go past an open transaction, seeing only what is committed', async () => {
    let release!: () => void;
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const open = database.transaction(async (manager) => {
      await insert(manager, 'uncommitted');
      inserted();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await written;
    expect(await ids(database)).not.toContain('uncommitted');
    release();
    await open;
    expect(await ids(database)).toContain('uncommitted');
  });

  it('runs inOrder items in order, each in its own savepoint, stopping at the first failure', async () => {
    const outcomes = await database.inOrder(['in-order-1', 'in-order-2', 'in-order-1', 'in-order-3'], (id, manager) => insert(manager, id));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    const stored = await ids(database);
    expect(stored).toEqual(expect.arrayContaining(['in-order-1', 'in-order-2']));
    expect(stored).not.toContain('in-order-3');
  });
});

describe("TypeORM's sqlite3 driver", () => {
  it('is never switched to verbose (stack capture per statement) unless SQLITE_VERBOSE=1', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sqlite3 = require('sqlite3') as { verbose(): unknown };
    const verbose = jest.spyOn(sqlite3, 'verbose');
    const dataDir = mkdtempSync(join(tmpdir(), 'archipelago-verbose-'));
    const database = await openModuleDatabase('billing', { entities: [], migrations: [] }, readPlatformConfig({ DATA_DIR: dataDir }));
    expect(verbose).not.toHaveBeenCalled();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    (sqliteDriver({ SQLITE_VERBOSE: '1' }) as { verbose(): unknown }).verbose();
    expect(verbose).toHaveBeenCalled();
    verbose.mockRestore();
  });
});
