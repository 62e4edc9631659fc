import { ScenarioContext } from './scenario-context';

const HTTP_REQUESTS = /^archipelago_http_requests_total\{[^}]*instance="([^"]+)"\} (\d+)$/gm;

/** What one gateway says it answered: the sum of its `archipelago_http_requests_total`, by its instance label. */
async function answeredBy(baseUrl: string, instance: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return [...text.matchAll(HTTP_REQUESTS)].filter(([, label]) => label === instance).reduce((sum, [, , count]) => sum + Number(count), 0);
}

/**
 * Runs last, with several gateways only (ADR 0030): the harness sent the scenarios' requests to
 * the gateways in turn, so a user signed up through one logged in and was read through another.
 * Each gateway's own metrics must show it answered its share, or the scenarios proved nothing.
 */
export function gatewaySpreadScenario(context: ScenarioContext): void {
  const { system } = context;
  const whenSeveralGateways = system.baseUrls.length > 1 ? it : it.skip;

  whenSeveralGateways('served the scenarios from every gateway, each answering its share of the requests', async () => {
    const sent = system.baseUrls.map((baseUrl) => system.requestsPerGateway.get(baseUrl) ?? 0);
    const total = sent.reduce((sum, count) => sum + count, 0);
    const gatewayName = (index: number) => [...system.processes.keys()].filter((name) => name.startsWith('main#'))[index];
    for (const [index, baseUrl] of system.baseUrls.entries()) {
      const answered = await answeredBy(baseUrl, `main#${system.process(gatewayName(index)).pid}`);
      expect(sent[index]).toBeGreaterThanOrEqual(total / system.baseUrls.length - 1);
      expect(answered).toBeGreaterThanOrEqual(sent[index]);
    }
    expect(total).toBeGreaterThan(50);
  });
}
