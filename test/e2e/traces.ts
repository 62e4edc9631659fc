import { TraceSpan } from '@app/contracts';
import { testPort } from '@app/testing';
import { createServer, Server } from 'node:http';
import { adminToken, newAccount, traceparent, uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { SystemUnderTest } from '../support/system-under-test';

/** The spans one signup leaves in every topology: what the waterfall of issue 10 must show. */
const SIGNUP_SPANS = [
  'POST /signup',
  'call auth.user.register.v1',
  'handle auth.user.register.v1',
  'transaction auth',
  'call billing.subscription.create.v1',
  'handle billing.subscription.create.v1',
  'transaction billing',
  'transaction gateway',
  'deliver auth.user.registered.v1 → notification',
  'deliver auth.user.registered.v1 → audit',
  'receive auth.user.registered.v1',
  'deliver billing.invoice.paid.v1 → notification',
  'receive billing.invoice.paid.v1',
];

/** A stand-in OpenTelemetry collector: remembers the body of every POST to /v1/traces. */
function otlpSink(port: number): { start(): Promise<void>; stop(): Promise<void>; bodies: string[] } {
  const bodies: string[] = [];
  let server: Server | undefined;
  return {
    bodies,
    start: () =>
      new Promise((resolve) => {
        server = createServer((request, response) => {
          let body = '';
          request.on('data', (chunk: Buffer) => (body += chunk.toString()));
          request.on('end', () => {
            if (request.method === 'POST' && request.url === '/v1/traces') bodies.push(body);
            response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          });
        });
        server.listen(port, '127.0.0.1', resolve);
      }),
    stop: () => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}

/**
 * Issue 10: a signup with a `traceparent`, then `GET /traces/<traceId>` as an admin shows the
 * spans of every process that took part, each parented inside the trace (or by the caller's own
 * span), the waterfall page has a row per span, and the same spans reach an OTLP collector.
 */
export function describeTraces(topologyName: string, basePort: number): void {
  describe(`traces of one signup across processes, in topology "${topologyName}"`, () => {
    const sink = otlpSink(testPort(basePort) + 70);
    const system = new SystemUnderTest(topologyName, testPort(basePort), {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${testPort(basePort) + 70}`,
    });
    const processes = [...new Set(['main', ...['auth', 'billing', 'notification', 'audit'].map((module) => system.processOf(module))])];
    const incoming = traceparent();
    const incomingParent = incoming.header.split('-')[2];
    let admin = '';

    const readTrace = (token = admin, traceId = incoming.traceId) =>
      system.http<{ spans: TraceSpan[]; missing: unknown[]; processes: string[] }>('GET', `/traces/${traceId}`, { token });

    beforeAll(async () => {
      await sink.start();
      await system.start();
      admin = await adminToken(system);
      const signup = await system.http('POST', '/signup', {
        body: { email: uniqueEmail('traced'), password: 'a-long-enough-password', planId: 'basic-monthly', paymentToken: 'tok_ok' },
        headers: { traceparent: incoming.header },
      });
      expect(signup.status).toBe(201);
      expect(signup.headers.get('x-trace-id')).toBe(incoming.traceId);
    }, 120_000);
    afterAll(async () => {
      await system.stop();
      await sink.stop();
    }, 60_000);

    it('shows the spans of the gateway, auth, billing, notification and audit, each parented inside the trace', async () => {
      const { body } = await eventually(async () => {
        const read = await readTrace();
        expect(read.status).toBe(200);
        expect([...new Set(read.body.spans.map((span) => span.name))]).toEqual(expect.arrayContaining(SIGNUP_SPANS));
        expect(new Set(read.body.spans.filter((span) => span.name.startsWith('receive ')).map((span) => span.process))).toEqual(
          new Set([system.processOf('notification'), system.processOf('audit')]),
        );
        // A span is kept when it ends: a receipt can be read before the delivery span that is its
        // parent ends in the publisher's process (it ends once the receipt comes back). Read again.
        const ids = new Set(read.body.spans.map((span) => span.spanId));
        for (const span of read.body.spans)
          expect({ span: span.name, parentKnown: ids.has(span.parentSpanId!) || span.parentSpanId === incomingParent }).toEqual({
            span: span.name,
            parentKnown: true,
          });
        return read;
      });
      expect(body.missing).toEqual([]);
      expect(new Set(body.spans.map((span) => span.process))).toEqual(new Set(processes));
      const byName = (name: string) => body.spans.filter((span) => span.name === name);
      const [http] = byName('POST /signup');
      expect(http).toMatchObject({ process: 'main', parentSpanId: incomingParent, attributes: { 'http.response.status_code': 201 } });
      const [call] = byName('call auth.user.register.v1');
      const [handler] = byName('handle auth.user.register.v1');
      expect(call.parentSpanId).toBe(http.spanId);
      expect(handler).toMatchObject({
        parentSpanId: call.spanId,
        process: system.processOf('auth'),
        attributes: { 'archipelago.outcome': 'ok' },
      });
      expect(byName('transaction auth').map((span) => span.parentSpanId)).toContain(handler.spanId);
      for (const receipt of byName('receive billing.invoice.paid.v1')) {
        const delivery = body.spans.find((span) => span.spanId === receipt.parentSpanId)!;
        expect(delivery).toMatchObject({
          name: `deliver billing.invoice.paid.v1 → ${receipt.attributes['archipelago.subscriber']}`,
          process: system.processOf('billing'),
        });
      }
    });

    it('draws the waterfall as one self-contained page with a row per span', async () => {
      const { rows, spans } = await eventually(async () => {
        const before = (await readTrace()).body.spans.length;
        const page = await fetch(`${system.baseUrl}/traces/${incoming.traceId}/waterfall`, {
          headers: { authorization: `Bearer ${admin}` },
        });
        const html = await page.text();
        const after = (await readTrace()).body.spans.length;
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(after).toBe(before);
        return { rows: html.match(/<tr class="span[^"]*" data-span-id="/g) ?? [], spans: after, html };
      });
      expect(rows).toHaveLength(spans);
    });

    it('is for admins only, and refuses a trace ID that is not one', async () => {
      const user = await newAccount(system, 'curious');
      expect((await readTrace(user.token)).status).toBe(403);
      expect((await system.http('GET', `/traces/${incoming.traceId}`)).status).toBe(401);
      expect((await readTrace(admin, 'not-a-trace')).status).toBe(400);
    });

    it('sends the same spans to the OTLP collector that OTEL_EXPORTER_OTLP_ENDPOINT names', async () => {
      await eventually(() => expect(sink.bodies.some((body) => body.includes(incoming.traceId))).toBe(true));
    });

    if (processes.length > 1) {
      it('lists a process that does not answer as missing, and still shows the others', async () => {
        const notification = system.process(system.processOf('notification'));
        await notification.stop();
        const read = await readTrace();
        expect(read.status).toBe(200);
        expect(read.body.missing).toEqual([{ process: 'notification', reason: expect.stringContaining('MODULE_UNAVAILABLE') }]);
        expect(read.body.spans.some((span) => span.process === 'auth')).toBe(true);
      });
    }
  });
}
