import { ModuleNaming } from './module-name';

/** `libs/<name>/test`: the module driven through its contract, in one process. */
export function testFiles({ name, pascal }: ModuleNaming): Record<string, string> {
  return {
    [`libs/${name}/test/support/${name}-test-app.ts`]: `import { GATEWAY, ${pascal}Client, UserActor } from '@app/contracts';
import { MessageContext, newTrace } from '@app/platform';
import { startModuleTestApp } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import { ${pascal}Module } from '../../src';

export { failureOf } from '@app/testing';

export interface ${pascal}TestApp {
  /** ${pascal}Client calling as the gateway (the only caller ${name} accepts). */
  gateway: ${pascal}Client;
  /** ${pascal}Client calling as auth (allowed nothing). */
  auth: ${pascal}Client;
  /** Rows of the module's own SQLite file, outbox included. */
  sql<T = Record<string, unknown>>(query: string): Promise<T[]>;
  close(): Promise<void>;
}

export const userActor = (id: string = randomUUID()): UserActor => ({ kind: 'user', id, roles: ['user'] });

/** Runs a call as a signed-in user, the way the gateway does after checking the token. */
export function asUser<T>(actor: UserActor, work: () => Promise<T>): Promise<T> {
  return MessageContext.run({ trace: newTrace(), actor, module: GATEWAY }, work);
}

function runSql<T>(file: string, query: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file);
    db.configure('busyTimeout', 5000);
    db.all(query, (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows as T[]);
    });
  });
}

/** The ${name} module alone in one process, on the in-process transport, as production wires it. */
export async function start${pascal}TestApp(): Promise<${pascal}TestApp> {
  const started = await startModuleTestApp({
    modules: ['${name}'],
    imports: [${pascal}Module],
    callers: { gateway: [${pascal}Client], auth: [${pascal}Client] },
  });
  const databaseFile = join(started.dataDir, '${name}.sqlite');
  return {
    gateway: started.client(GATEWAY, ${pascal}Client),
    auth: started.client('auth', ${pascal}Client),
    sql: (query) => runSql(databaseFile, query),
    close: started.close,
  };
}
`,
    [`libs/${name}/test/${name}-items.spec.ts`]: `import { failureOf, asUser, start${pascal}TestApp, ${pascal}TestApp, userActor } from './support/${name}-test-app';

describe('${name} items through ${pascal}Contract', () => {
  let ${name}: ${pascal}TestApp;
  const ada = userActor();

  beforeAll(async () => {
    ${name} = await start${pascal}TestApp();
  });

  afterAll(() => ${name}?.close());

  it('${name}.item.create.v1 stores the item for the signed-in user and ${name}.item.list.v1 lists it', async () => {
    const created = await asUser(ada, () => ${name}.gateway.createItem({ title: 'First item' }));

    expect(created).toMatchObject({ title: 'First item', createdBy: ada.id });
    const { items } = await asUser(ada, () => ${name}.gateway.listItems());
    expect(items).toContainEqual(created);
  });

  it('the item is a row of the module table ${name}_items', async () => {
    const created = await asUser(ada, () => ${name}.gateway.createItem({ title: 'Second item' }));

    const rows = await ${name}.sql<{ id: string; title: string }>('SELECT id, title FROM ${name}_items');
    expect(rows).toContainEqual({ id: created.id, title: 'Second item' });
  });

  it('an empty or missing title is refused with 400 VALIDATION_FAILED', async () => {
    await expect(failureOf(asUser(ada, () => ${name}.gateway.createItem({ title: '' })))).resolves.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    await expect(failureOf(asUser(ada, () => ${name}.gateway.createItem({} as never)))).resolves.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('creating without a signed-in user is refused with 401 AUTHENTICATION_REQUIRED', async () => {
    await expect(failureOf(${name}.gateway.createItem({ title: 'anonymous' }))).resolves.toMatchObject({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
  });

  it('a caller other than the gateway is refused with 403 CALLER_NOT_ALLOWED', async () => {
    await expect(failureOf(asUser(ada, () => ${name}.auth.listItems()))).resolves.toMatchObject({ status: 403, code: 'CALLER_NOT_ALLOWED' });
  });
});
`,
  };
}
