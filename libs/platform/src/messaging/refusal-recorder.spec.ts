import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { Metrics } from '../metrics/metrics';
import { RefusalError } from '../errors/refusal.error';
import { HostedPublishers } from '../events/hosted-publishers';
import { RefusalRecorder } from './refusal-recorder';

const WINDOW_MS = 60_000;

describe('the refusal recorder', () => {
  const published: Record<string, unknown>[] = [];
  const billing = {
    name: 'billing',
    publisher: { publishAlone: (_event: unknown, payload: Record<string, unknown>) => Promise.resolve(published.push(payload)) },
  };
  const hosted = { get: () => billing, all: () => [billing] } as unknown as HostedPublishers;
  let recorder: RefusalRecorder;
  let metrics: Metrics;
  const meta = (caller: string) => ({ caller, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });

  beforeEach(() => {
    jest.useFakeTimers();
    published.length = 0;
    metrics = new Metrics(new Topology('test', { processes: { billing: {} }, modules: {} }, 'billing'));
    recorder = new RefusalRecorder(hosted, { refusalAuditWindowMs: WINDOW_MS } as PlatformConfig, metrics);
  });
  afterEach(() => jest.useRealTimers());

  it('stamps the first unauthenticated refusal of a claimed caller at once and the rest of the window as one counted entry', async () => {
    for (let i = 0; i < 1000; i++) {
      await recorder.record('billing.plans.list.v1', new RefusalError('bad-signature', 'no'), meta('gateway'));
    }
    expect(published).toHaveLength(1);
    expect(published[0].count).toBeUndefined();
    // the audit log gets one entry; the metric counts every refusal
    const counted = (await metrics.refusals.get()).values.find((v) => v.labels.reason === 'bad-signature');
    expect(counted).toMatchObject({ value: 1000, labels: { module: 'billing', reason: 'bad-signature' } });
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    expect(published).toHaveLength(2);
    expect(published[1]).toMatchObject({ claimedCaller: 'gateway', reason: 'bad-signature', count: 999 });
    expect(published[1].windowStart).toEqual(expect.any(String));
  });

  it('bounds the entries of one window when every frame claims another caller', async () => {
    for (let i = 0; i < 1000; i++) {
      await recorder.record('billing.plans.list.v1', new RefusalError('bad-envelope', 'no'), meta(`caller-${i}`));
    }
    await recorder.flush();
    expect(published.length).toBeLessThanOrEqual(101);
    expect(published.reduce((sum, entry) => sum + ((entry.count as number | undefined) ?? 1), 0)).toBe(1000);
  });

  it('stamps every authenticated refusal on its own', async () => {
    for (let i = 0; i < 5; i++) {
      await recorder.record('billing.plans.list.v1', new RefusalError('caller-not-allowed', 'no'), meta('notification'));
    }
    expect(published).toHaveLength(5);
    expect(published.every((entry) => entry.count === undefined)).toBe(true);
  });
});
