import { SmtpTestServer } from '@app/testing';
import { SystemUnderTest } from '../support/system-under-test';

/** What every scenario gets: the running system, its mail sink and an admin token. */
export interface ScenarioContext {
  system: SystemUnderTest;
  smtp: SmtpTestServer;
  adminToken(): string;
  /** Modules running outside the gateway's process in this topology. */
  remote: string[];
  /** Set when every module keeps its data in PostgreSQL (a schema each) instead of SQLite files. */
  postgresUrl?: string;
}

export interface AuditEntry {
  seq: number;
  action: string;
  module: string;
  actor: string;
  traceId: string;
  payload: Record<string, any>;
}

export async function auditEntries(context: ScenarioContext, query: string): Promise<AuditEntry[]> {
  const result = await context.system.http<{ entries: AuditEntry[] }>('GET', `/audit?${query}`, { token: context.adminToken() });
  expect(result.status).toBe(200);
  return result.body.entries;
}
