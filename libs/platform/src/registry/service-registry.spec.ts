import { LiveInstance } from './live-instance';
import {
  billingAnnouncement,
  encoded,
  RecordingChannel,
  registryTestConfig,
  replicasTopology,
  transportsWith,
} from '../../test/registry-fakes';
import { REGISTRY_SUBJECTS } from './registry-subjects';
import { REGISTRY_CAPACITY, ServiceRegistry } from './service-registry';
import { TcpPings } from './tcp-pings';
import { ThisInstance } from './this-instance';

const GATEWAY_SELF = billingAnnouncement({ instance: 'main#1', process: 'main', modules: [], gateway: true, contracts: [] });

function registryOnABus(channel = new RecordingChannel()): ServiceRegistry {
  const self = { describe: () => Promise.resolve(GATEWAY_SELF) } as ThisInstance;
  const pings = { answers: () => Promise.resolve([]) } as unknown as TcpPings;
  return new ServiceRegistry(replicasTopology('main'), registryTestConfig(), transportsWith(channel), self, pings);
}
const heardIds = async (registry: ServiceRegistry, now: number) =>
  (await registry.live(now)).filter((instance: LiveInstance) => instance.seenBy === 'heartbeat').map((instance) => instance.id);

describe('ServiceRegistry, the live instances seen from the gateway (ADR 0029)', () => {
  it('subscribes to beats and goodbyes on the bus of the modules it calls, then asks who is there', async () => {
    const channel = new RecordingChannel();
    registryOnABus(channel).onApplicationBootstrap();
    await new Promise((resolve) => setImmediate(resolve));
    expect([...channel.handlers.keys()].sort()).toEqual([REGISTRY_SUBJECTS.goodbye, REGISTRY_SUBJECTS.heartbeat]);
    expect(channel.subjects()).toEqual([REGISTRY_SUBJECTS.probe]);
  });

  it('lists itself first, then each replica heard beating; forgets one after the expiry, or at once on goodbye', async () => {
    const registry = registryOnABus();
    registry.heardBeat(encoded(billingAnnouncement({ instance: 'billing#1' })), 0);
    registry.heardBeat(encoded(billingAnnouncement({ instance: 'billing#2' })), 1000);
    const live = await registry.live(1000);
    expect(live.map((instance) => [instance.id, instance.seenBy])).toEqual([
      ['main#1', 'self'],
      ['billing#1', 'heartbeat'],
      ['billing#2', 'heartbeat'],
    ]);
    expect(await heardIds(registry, 3001)).toEqual(['billing#2']);
    registry.heardGoodbye(encoded(billingAnnouncement({ instance: 'billing#2' })));
    expect(await heardIds(registry, 3002)).toEqual([]);
  });

  it('ignores a malformed announcement without throwing', async () => {
    const registry = registryOnABus();
    const malformed = [
      Buffer.from('not json at all'),
      Buffer.from('[1, 2, 3]'),
      Buffer.from('null'),
      encoded({ ...billingAnnouncement(), instance: 42 }),
      encoded({ ...billingAnnouncement(), modules: ['billing', 'payroll'] }),
      encoded({ ...billingAnnouncement(), contracts: ['billing.plans.list'] }),
      encoded({ ...billingAnnouncement(), startedAt: 'yesterday' }),
      encoded({ ...billingAnnouncement(), health: 'fine' }),
      encoded({ ...billingAnnouncement(), host: 'x'.repeat(101) }),
      encoded({ ...billingAnnouncement(), contracts: Array.from({ length: 2000 }, () => 'billing.plans.list.v1') }),
    ];
    for (const data of malformed) {
      expect(() => registry.heardBeat(data, 0)).not.toThrow();
      expect(() => registry.heardGoodbye(data)).not.toThrow();
    }
    expect(await heardIds(registry, 0)).toEqual([]);
  });

  it('ignores announcements from another system on the same broker, or of modules the topology places elsewhere', async () => {
    const registry = registryOnABus();
    registry.heardBeat(encoded(billingAnnouncement({ topology: 'nats-all-remote' })), 0);
    registry.heardBeat(encoded(billingAnnouncement({ process: 'payroll' })), 0);
    registry.heardBeat(encoded(billingAnnouncement({ process: 'auth' })), 0);
    registry.heardBeat(encoded(billingAnnouncement({ modules: ['billing', 'audit'] })), 0);
    expect(await heardIds(registry, 0)).toEqual([]);
    registry.heardBeat(encoded(billingAnnouncement()), 0);
    expect(await heardIds(registry, 0)).toEqual(['billing#4242']);
  });

  it('holds at most its capacity however many instances a stranger on the bus invents', async () => {
    const registry = registryOnABus();
    for (let index = 0; index < REGISTRY_CAPACITY * 5; index++)
      registry.heardBeat(encoded(billingAnnouncement({ instance: `billing#${index}` })), 0);
    expect(await heardIds(registry, 0)).toHaveLength(REGISTRY_CAPACITY);
    expect(await heardIds(registry, 4000)).toEqual([]);
  });
});
