import { NatsTestServer, testPort } from '@app/testing';
import { EnvelopeMeta } from '../../envelope/envelope';
import { EnvelopeGate } from '../../envelope/envelope-gate';
import { EnvelopeSigner } from '../../envelope/envelope-signer';
import { envelopeKeysOf, newKeyPairs } from '../../../test/key-pairs';
import { ModuleCallError } from '../../errors/module-call.error';
import { NatsBusConnection } from './nats-bus-connection';
import { NatsCallServer } from './nats-call.server';
import { NatsModuleClient } from './nats-module.client';

const PATTERN = 'auth.user.me.v1';
/** The gateway's signer: the gates here are fakes, so only sealing matters. */
const signer = new EnvelopeSigner(envelopeKeysOf(newKeyPairs(), ['gateway']));

/** A gate that answers which server took the message, after `delayMs`. */
function gateNamed(name: string, handled: string[], delayMs = 0): EnvelopeGate {
  const gate = {
    patterns: () => [PATTERN, 'billing.plans.list.v1'],
    receive: async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      handled.push(name);
      return { servedBy: name };
    },
  };
  return gate as unknown as EnvelopeGate;
}

function meta(): EnvelopeMeta {
  const now = Date.now();
  return {
    messageId: `m-${now}-${Math.random()}`,
    pattern: PATTERN,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    caller: 'gateway',
    callee: 'auth',
    actor: { kind: 'system' },
    issuedAt: now,
    deadline: now + 2000,
  };
}

const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: unknown) => (error as ModuleCallError).body,
  );

describe('the NATS transport: a module addressed by subject, answered by one process of its queue group', () => {
  const broker = new NatsTestServer(testPort(22930));
  const connections: NatsBusConnection[] = [];
  const busConnection = () => {
    const connection = new NatsBusConnection('spec', [broker.url], 'spec');
    connections.push(connection);
    return connection;
  };

  beforeAll(() => broker.start());
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
  });
  afterAll(() => broker.stop());

  it('gives each request to exactly one of two processes hosting the module', async () => {
    const handled: string[] = [];
    const servers = [
      new NatsCallServer(busConnection(), ['auth'], gateNamed('a', handled)),
      new NatsCallServer(busConnection(), ['auth'], gateNamed('b', handled)),
    ];
    await Promise.all(servers.map((server) => server.start()));
    const client = new NatsModuleClient(busConnection(), 'auth', signer);
    const answers = await Promise.all(Array.from({ length: 40 }, () => client.call(meta(), {}, 2000)));
    expect(handled).toHaveLength(40);
    expect(answers.map((answer) => (answer as { servedBy: string }).servedBy).sort()).toEqual([...handled].sort());
    expect(new Set(handled)).toEqual(new Set(['a', 'b']));
  });

  it('does not subscribe a module to the patterns of another module', async () => {
    const handled: string[] = [];
    await new NatsCallServer(busConnection(), ['auth'], gateNamed('a', handled)).start();
    const toBilling = new NatsModuleClient(busConnection(), 'billing', signer);
    const body = await failureOf(toBilling.call({ ...meta(), pattern: 'billing.plans.list.v1' }, {}, 1000));
    expect(body).toMatchObject({
      status: 503,
      code: 'MODULE_UNAVAILABLE',
      message: expect.stringContaining('no process of it is on bus "spec"'),
    });
    expect(handled).toEqual([]);
  });

  it('answers MODULE_UNAVAILABLE at once when no process of the module is subscribed', async () => {
    const client = new NatsModuleClient(busConnection(), 'auth', signer);
    const startedAt = Date.now();
    expect(await failureOf(client.call(meta(), {}, 2000))).toMatchObject({ status: 503, code: 'MODULE_UNAVAILABLE' });
    expect(Date.now() - startedAt).toBeLessThan(500);
  });

  it('times a request out at the envelope deadline with DEADLINE_EXCEEDED', async () => {
    await new NatsCallServer(busConnection(), ['auth'], gateNamed('slow', [], 1500)).start();
    const client = new NatsModuleClient(busConnection(), 'auth', signer);
    const startedAt = Date.now();
    expect(await failureOf(client.call(meta(), {}, 300))).toMatchObject({ status: 504, code: 'DEADLINE_EXCEEDED' });
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('sends new requests to the other process once one drains, and finishes what the draining one had', async () => {
    const handled: string[] = [];
    const draining = new NatsCallServer(busConnection(), ['auth'], gateNamed('draining', handled, 300));
    const staying = new NatsCallServer(busConnection(), ['auth'], gateNamed('staying', handled));
    await Promise.all([draining.start(), staying.start()]);
    const client = new NatsModuleClient(busConnection(), 'auth', signer);
    const inFlight = Array.from({ length: 10 }, () => client.call(meta(), {}, 2000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await draining.stopAccepting();
    const afterDrain = await Promise.all(Array.from({ length: 10 }, () => client.call(meta(), {}, 2000)));
    expect(afterDrain.every((answer) => (answer as { servedBy: string }).servedBy === 'staying')).toBe(true);
    expect(await Promise.all(inFlight)).toHaveLength(10);
  });

  it('fails calls at once while the broker is down, the one waiting for a reply too, and serves again once it is back', async () => {
    await new NatsCallServer(busConnection(), ['auth'], gateNamed('a', [], 400)).start();
    const client = new NatsModuleClient(busConnection(), 'auth', signer);
    await client.call(meta(), {}, 2000);
    const waitingSince = Date.now();
    const waiting = failureOf(client.call(meta(), {}, 5000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await broker.kill();
    expect(await waiting).toMatchObject({ status: 503, code: 'MODULE_UNAVAILABLE' });
    expect(Date.now() - waitingSince).toBeLessThan(1000);
    const startedAt = Date.now();
    expect(await failureOf(client.call(meta(), {}, 2000))).toMatchObject({ status: 503, code: 'MODULE_UNAVAILABLE' });
    expect(Date.now() - startedAt).toBeLessThan(200);
    await broker.start();
    let answer: unknown;
    for (let attempt = 0; attempt < 100 && !answer; attempt++) {
      answer = await client.call(meta(), {}, 1000).catch(() => new Promise((resolve) => setTimeout(() => resolve(undefined), 100)));
    }
    expect(answer).toEqual({ servedBy: 'a' });
  });
});
