import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { ModuleCallError } from '../errors/module-call.error';
import { Drain } from './drain';

const drainWithGrace = (shutdownGraceMs: number) => new Drain({ shutdownGraceMs } as PlatformConfig, { processName: 'auth' } as Topology);

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('Drain', () => {
  it('waits for the work in flight when shutdown begins, and says it is draining meanwhile', async () => {
    const drain = drainWithGrace(5000);
    let finished = false;
    const work = drain.track(() => later(50).then(() => (finished = true)));
    const started = Date.now();
    const drained = drain.onModuleDestroy();
    expect(drain.isDraining).toBe(true);
    await drained;
    expect(finished).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    await work;
  });

  it('counts a unit of work once, however often its end is signalled', async () => {
    const drain = drainWithGrace(5000);
    const endFirst = drain.enter();
    const endSecond = drain.enter();
    endFirst();
    endFirst();
    let drained = false;
    const done = drain.onModuleDestroy().then(() => (drained = true));
    await later(10);
    expect(drained).toBe(false);
    endSecond();
    await done;
  });

  it('gives up after the grace period instead of hanging', async () => {
    const drain = drainWithGrace(50);
    drain.enter();
    const started = Date.now();
    await drain.onModuleDestroy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('refuses as a retryable 503 MODULE_DRAINING naming the process', () => {
    const error = drainWithGrace(10).drainingError();
    expect(error).toBeInstanceOf(ModuleCallError);
    expect(error.body).toMatchObject({ status: 503, code: 'MODULE_DRAINING' });
    expect(error.message).toContain('process "auth"');
  });

  it('ends a tracked unit of work that throws', async () => {
    const drain = drainWithGrace(5000);
    await expect(drain.track(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await drain.onModuleDestroy();
  });
});
