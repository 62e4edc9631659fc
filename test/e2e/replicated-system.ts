import { NatsTestServer, PostgresCluster, SmtpTestServer, testPort } from '@app/testing';
import { SystemUnderTest } from '../support/system-under-test';

/**
 * The `nats-replicas` system of one spec, with what it needs beside it: a PostgreSQL cluster on
 * `portBase + 60` (each module connects as its own role, ADR 0031), an SMTP sink on `+ 50` and a
 * nats-server on `+ 70` (test/e2e/PORTS.md). Everything starts before the spec's tests and stops
 * after them. `postgres.url` stays the superuser's: the auditor's view, for reconciliation SQL.
 */
export function useReplicatedSystem(basePort: number, env: Record<string, string> = {}) {
  const portBase = testPort(basePort);
  const postgres = new PostgresCluster(portBase + 60);
  const smtp = new SmtpTestServer(portBase + 50);
  const nats = new NatsTestServer(portBase + 70);
  const system = new SystemUnderTest('nats-replicas', portBase, { SMTP_URL: smtp.url, ...env, ...postgres.moduleUrls() });

  beforeAll(async () => {
    await postgres.start();
    await nats.start();
    await smtp.start();
    await system.start();
  }, 120_000);
  afterAll(async () => {
    await system.stop();
    await smtp.stop();
    await nats.stop();
    postgres.stop();
  }, 60_000);

  return { postgres, smtp, nats, system };
}
