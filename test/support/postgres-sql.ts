import { Client } from 'pg';

/** Runs SQL straight against PostgreSQL, bypassing the program: a tamperer's view. */
export async function runPostgresSql(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}
