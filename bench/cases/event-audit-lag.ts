/**
 * Event → audit lag under a sustained write load, and the outbox drain after it.
 * Load: POST /billing/subscriptions (tok_ok) at concurrency 16. Lag per audit entry whose event
 * occurred during the load = recordedAt − occurredAt (both carried by audit_entries). Events still
 * waiting in an outbox for `audit` when measuring count with their lower bound (now − occurredAt).
 * Drain: after the load, poll every module's outbox_messages for deliveredAt IS NULL until zero.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { httpLoad } from '../lib/http-load';
import { ReadOnlyDb } from '../lib/sqlite-readonly';
import { percentile, Sample } from '../lib/stats';
import { Archipelago } from './archipelago';

const MODULES = ['auth', 'billing', 'notification', 'audit'];

export interface LagResult {
  topology: string;
  load: Sample;
  events: number;
  /** Events not in the audit log yet when measured (their lag is a lower bound). */
  notYetAudited: number;
  lagP50Ms: number;
  lagP99Ms: number;
  /** Seconds from the end of the load until no outbox has an undelivered row; null = not within the limit. */
  drainSeconds: number | null;
  undeliveredAtEnd: number;
  undeliveredAfterDrainLimit: number;
}

async function undelivered(dbs: ReadOnlyDb[]): Promise<number> {
  let total = 0;
  for (const db of dbs) total += (await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM outbox_messages WHERE deliveredAt IS NULL'))[0].n;
  return total;
}

export async function eventAuditLag(app: Archipelago, seconds: number, drainLimitSeconds: number): Promise<LagResult> {
  const outboxes: ReadOnlyDb[] = [];
  let audit: ReadOnlyDb | undefined;
  try {
    const loadStart = new Date().toISOString();
    const load = await httpLoad(
      {
        url: `${app.baseUrl}/billing/subscriptions`,
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}` },
        body: { planId: 'basic-monthly', paymentToken: 'tok_ok' },
      },
      16,
      seconds,
    );
    const loadEnd = new Date().toISOString();
    const ended = performance.now();
    for (const module of MODULES) {
      const db = await ReadOnlyDb.open(join(app.system.dataDir, `${module}.sqlite`));
      if (db && (await db.hasTable('outbox_messages'))) outboxes.push(db);
      else await db?.close();
    }
    const undeliveredAtEnd = await undelivered(outboxes);
    let left = undeliveredAtEnd;
    let drainSeconds: number | null = left === 0 ? 0 : null;
    while (left > 0 && performance.now() - ended < drainLimitSeconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = await undelivered(outboxes);
      if (left === 0) drainSeconds = (performance.now() - ended) / 1000;
    }
    audit = await ReadOnlyDb.open(join(app.system.dataDir, 'audit.sqlite'));
    if (!audit) throw new Error(`no audit.sqlite in ${app.system.dataDir}`);
    const now = Date.now();
    const entries = await audit.all<{ occurredAt: string; recordedAt: string }>(
      'SELECT occurredAt, recordedAt FROM audit_entries WHERE occurredAt >= ? AND occurredAt <= ?',
      [loadStart, loadEnd],
    );
    const lags = entries.map((e) => Date.parse(e.recordedAt) - Date.parse(e.occurredAt));
    let waiting = 0;
    for (const db of outboxes) {
      const rows = await db.all<{ occurredAt: string }>(
        `SELECT occurredAt FROM outbox_messages WHERE deliveredAt IS NULL AND subscriber = 'audit' AND occurredAt >= ? AND occurredAt <= ?`,
        [loadStart, loadEnd],
      );
      waiting += rows.length;
      lags.push(...rows.map((row) => now - Date.parse(row.occurredAt)));
    }
    return {
      topology: app.topology,
      load,
      events: lags.length,
      notYetAudited: waiting,
      lagP50Ms: percentile(lags, 50),
      lagP99Ms: percentile(lags, 99),
      drainSeconds,
      undeliveredAtEnd,
      undeliveredAfterDrainLimit: left,
    };
  } finally {
    for (const db of outboxes) await db.close();
    await audit?.close();
  }
}
