import { replicasTopology } from '../../test/registry-fakes';
import { DatabasesHostedHere, ThisInstance } from './this-instance';

const databasesAnswering = (...answers: Array<() => Promise<unknown>>): DatabasesHostedHere => ({
  all: () => answers.map((answer) => ({ database: { read: () => answer() as Promise<never> } })),
});
const never = () => new Promise(() => undefined);

describe('ThisInstance, what a process announces about itself (ADR 0029)', () => {
  it('names itself <process>#<pid>, lists what the topology places here with its patterns, and since when it runs', async () => {
    const announcement = await new ThisInstance(replicasTopology('billing'), databasesAnswering()).describe();
    expect(announcement).toMatchObject({ instance: `billing#${process.pid}`, process: 'billing', modules: ['billing'], gateway: false });
    expect(announcement.contracts).toContain('billing.plans.list.v1');
    expect(Date.parse(announcement.startedAt)).toBeLessThanOrEqual(Date.now() - process.uptime() * 1000 + 1000);
  });

  it('is ok while every hosted database answers, degraded when one fails or does not answer in time', async () => {
    const ok = () => Promise.resolve([{ '?column?': 1 }]);
    const health = async (databases: DatabasesHostedHere) =>
      (await new ThisInstance(replicasTopology('billing'), databases).describe()).health;
    expect(await health(databasesAnswering(ok, ok))).toBe('ok');
    expect(await health(databasesAnswering(ok, () => Promise.reject(new Error('connection refused'))))).toBe('degraded');
    expect(await health(databasesAnswering(ok, never))).toBe('degraded');
  });
});
