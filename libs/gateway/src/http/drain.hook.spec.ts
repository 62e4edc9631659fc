import { Drain, PlatformConfig, Topology } from '@app/platform';
import Fastify from 'fastify';
import { registerDrainHook } from './drain.hook';

describe('the drain hook at the HTTP edge', () => {
  it('counts a request in flight, then answers new ones 503 MODULE_DRAINING with Retry-After', async () => {
    const drain = new Drain({ shutdownGraceMs: 5000 } as PlatformConfig, { processName: 'main' } as Topology);
    const fastify = Fastify();
    registerDrainHook(fastify, drain);
    let release!: () => void;
    fastify.get('/slow', () => new Promise((resolve) => (release = () => resolve({ ok: true }))));
    fastify.get('/fast', () => ({ ok: true }));
    await fastify.ready();

    const slow = fastify.inject({ method: 'GET', url: '/slow' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    let drained = false;
    const draining = drain.onModuleDestroy().then(() => (drained = true));

    const refused = await fastify.inject({ method: 'GET', url: '/fast' });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ statusCode: 503, code: 'MODULE_DRAINING' });
    expect(drained).toBe(false);

    release();
    expect((await slow).statusCode).toBe(200);
    await draining;
    await fastify.close();
  });
});
