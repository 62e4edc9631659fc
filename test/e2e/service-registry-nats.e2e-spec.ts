import { eventually } from '../support/eventually';
import { listenOnNats } from '../support/raw-nats';
import { useReplicatedSystem } from './replicated-system';

/** Less than the 3 s expiry after the last beat, which came at most one 1 s interval before the goodbye: only the goodbye explains it. */
const AT_ONCE_MS = 1500;
/** Three missed beats (1 s each) plus the poll and a loaded machine: "within a few seconds". */
const FEW_SECONDS_MS = 8000;

interface InstanceView {
  id: string;
  process: string;
  startedAt?: string;
  lastSeen: string;
  health: string;
}
interface ModuleView {
  module: string;
  status: 'up' | 'down';
  instances: InstanceView[];
}

/**
 * Issue 8, the live service registry (ADR 0029): every process on the bus announces itself, and
 * `GET /topology` shows the live instances beside the configured placement. A replica killed with
 * `kill -9` (no goodbye) is gone within a few seconds; with both gone billing is `down`; a
 * restarted one is back and billing `up` again.
 */
describe('GET /topology follows billing replicas dying and coming back ("nats-replicas")', () => {
  const { system } = useReplicatedSystem(25800);
  const replica = (name: 'billing#1' | 'billing#2') => system.process(name);
  const instanceIdOf = (name: 'billing#1' | 'billing#2') => `billing#${replica(name).pid}`;

  /** Billing as one gateway's `GET /topology` shows it; each gateway keeps its own registry. */
  const billingOn = async (baseUrl: string): Promise<ModuleView> => {
    const response = await fetch(`${baseUrl}/topology`);
    expect(response.status).toBe(200);
    const topology = (await response.json()) as { modules: ModuleView[] };
    return topology.modules.find((module) => module.module === 'billing')!;
  };
  const billing = () => billingOn(system.baseUrl);
  /** Billing's live instance ids as every gateway lists them, one sorted list per gateway. */
  const liveIds = () => Promise.all(system.baseUrls.map(async (baseUrl) => (await billingOn(baseUrl)).instances.map((i) => i.id).sort()));
  const everyGatewayLists = (expected: string[]) => system.baseUrls.map(() => [...expected].sort());

  /** Waits until every gateway lists `expected` as billing's live instances; the time it took. */
  const untilLive = async (expected: string[]): Promise<number> => {
    const startedAt = Date.now();
    await eventually(async () => expect(await liveIds()).toEqual(everyGatewayLists(expected)), FEW_SECONDS_MS);
    return Date.now() - startedAt;
  };

  it('lists both billing replicas as live, each under the id its metrics carry, with when it started and last beat', async () => {
    await untilLive([instanceIdOf('billing#1'), instanceIdOf('billing#2')]);
    const view = await billing();
    expect(view.status).toBe('up');
    for (const instance of view.instances) {
      expect(instance).toMatchObject({ process: 'billing', health: 'ok' });
      expect(Date.parse(instance.startedAt!)).toBeLessThanOrEqual(Date.parse(instance.lastSeen));
      expect(Date.now() - Date.parse(instance.lastSeen)).toBeLessThan(FEW_SECONDS_MS);
    }
  });

  it('forgets a replica killed with kill -9 within a few seconds, and billing stays up on the other', async () => {
    const survivor = instanceIdOf('billing#2');
    await replica('billing#1').kill();
    await untilLive([survivor]);
    expect((await billing()).status).toBe('up');
    expect((await system.http('GET', '/billing/plans')).status).toBe(200);
  });

  it('shows billing down within a few seconds once its last replica is killed too', async () => {
    await replica('billing#2').kill();
    await untilLive([]);
    expect((await billing()).status).toBe('down');
  });

  it('lists a restarted replica again, under its new id, and billing up', async () => {
    await replica('billing#1').start();
    await untilLive([instanceIdOf('billing#1')]);
    expect((await billing()).status).toBe('up');
  });

  it('forgets a replica stopped gracefully at once: it says goodbye when its drain begins', async () => {
    await replica('billing#2').start();
    await untilLive([instanceIdOf('billing#1'), instanceIdOf('billing#2')]);
    const leaving = instanceIdOf('billing#2');
    const goodbyes = await listenOnNats(system.natsUrl, 'archipelago.registry.goodbye.v1');
    try {
      const exit = await replica('billing#2').terminate();
      expect(exit.code).toBe(0);
      const goodbye = goodbyes.heard.find((message) => message.body.instance === leaving);
      expect(goodbye?.body).toMatchObject({ process: 'billing', modules: ['billing'], topology: 'nats-replicas' });
      await eventually(async () => expect(await liveIds()).toEqual(everyGatewayLists([instanceIdOf('billing#1')])), AT_ONCE_MS);
      expect(Date.now() - goodbye!.at).toBeLessThan(AT_ONCE_MS);
    } finally {
      await goodbyes.close();
    }
  });
});
