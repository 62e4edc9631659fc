/** Peer: how fast raw TypeORM + sqlite3 (WAL) inserts one row per statement, autocommit, in a loop. */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { callLoad } from '../lib/call-load';
import { Sample } from '../lib/stats';

@Entity('rows')
class Row {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'text' }) payload!: string;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
}

export async function typeormInsertLoop(seconds: number): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-insert-'));
  const db = new DataSource({
    type: 'sqlite',
    database: join(dir, 'insert.sqlite'),
    enableWAL: true,
    busyTimeout: 5000,
    entities: [Row],
    synchronize: true,
    logging: false,
  });
  await db.initialize();
  try {
    const rows = db.getRepository(Row);
    return await callLoad(
      () => rows.insert({ id: randomUUID(), payload: '{"hello":"world"}', createdAt: new Date().toISOString() }),
      1,
      seconds,
    );
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
