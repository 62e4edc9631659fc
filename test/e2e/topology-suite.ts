import { adminToken } from '../support/accounts';
import { NatsTestServer, PostgresCluster, SmtpTestServer, testPort } from '@app/testing';
import { SystemUnderTest } from '../support/system-under-test';
import { auditChainScenario } from './audit-chain.scenario';
import { commerceScenario } from './commerce.scenario';
import { foundationScenario } from './foundation.scenario';
import { gatewaySpreadScenario } from './gateway-spread.scenario';
import { ScenarioContext } from './scenario-context';

/**
 * The end-to-end suite for one topology: the same scenarios in every topology, over HTTP (and
 * raw TCP for the hostile cases). What passes in the monolith must pass with any module split out.
 * Ports: HTTP on `portBase`, TCP listeners just above it, the SMTP sink at `portBase + 50`, a
 * PostgreSQL cluster at `portBase + 60` and, when the topology has a bus, nats-server at `portBase + 70`.
 */
export function describeTopology(topologyName: string, basePort: number, options: { store?: 'sqlite' | 'postgres' } = {}): void {
  const portBase = testPort(basePort);
  const store = options.store ?? 'sqlite';
  describe(`Archipelago in topology "${topologyName}" on ${store === 'postgres' ? 'PostgreSQL' : 'SQLite'}`, () => {
    const smtp = new SmtpTestServer(portBase + 50);
    const postgres = store === 'postgres' ? new PostgresCluster(portBase + 60) : undefined;
    // Each module as its own role (ADR 0031); the scenarios' own SQL connects as the superuser, the auditor's view.
    const databases = postgres ? postgres.moduleUrls() : {};
    const system = new SystemUnderTest(topologyName, portBase, { SMTP_URL: smtp.url, ...databases });
    const nats = system.usesBus() ? new NatsTestServer(portBase + 70) : undefined;
    let admin = '';
    const context: ScenarioContext = { system, smtp, adminToken: () => admin, remote: system.remoteModules(), postgresUrl: postgres?.url };

    beforeAll(async () => {
      await postgres?.start();
      await nats?.start();
      await smtp.start();
      await system.start();
      admin = await adminToken(system);
    }, 120_000);

    afterAll(async () => {
      await system.stop();
      await smtp.stop();
      await nats?.stop();
      postgres?.stop();
    }, 60_000);

    foundationScenario(context);
    commerceScenario(context);
    auditChainScenario(context);
    gatewaySpreadScenario(context);
  });
}
