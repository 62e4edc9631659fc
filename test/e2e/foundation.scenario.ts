import { newAccount, traceparent, uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { CALL_TIMEOUT_MS, HttpResult } from '../support/system-under-test';
import { auditEntries, ScenarioContext } from './scenario-context';

/** For each module: an HTTP request that needs it, and a pattern it answers, for the outage and hostile tests. */
const PROBES: Record<
  string,
  { call: (context: ScenarioContext, token: string) => Promise<HttpResult>; signedPattern: string; payload: () => object }
> = {
  auth: {
    call: ({ system }) => system.http('POST', '/auth/login', { body: { email: uniqueEmail(), password: 'whatever-password' } }),
    signedPattern: 'auth.user.register.v1',
    payload: () => ({ email: uniqueEmail('hostile'), password: 'hostile-password' }),
  },
  audit: {
    call: ({ system }, token) => system.http('GET', '/audit', { token }),
    signedPattern: 'audit.entries.search.v1',
    payload: () => ({}),
  },
  billing: { call: ({ system }) => system.http('GET', '/billing/plans'), signedPattern: 'billing.plans.list.v1', payload: () => ({}) },
  notification: {
    call: ({ system }, token) => system.http('GET', '/notifications', { token }),
    signedPattern: 'notification.messages.list.v1',
    payload: () => ({}),
  },
};

async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** Issue 2's promises: identity, tracing, errors at the edge, refusals, outages, lost events. */
export function foundationScenario(context: ScenarioContext): void {
  const { system, remote } = context;
  const whenRemote = (module: string) => (remote.includes(module) ? it : it.skip);
  const whenAnyRemote = remote.length > 0 ? it : it.skip;

  it('reports every module healthy and where it runs', async () => {
    const health = await system.http('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const topology = await system.http('GET', '/topology');
    for (const placement of topology.body.modules) {
      expect(placement.process).toBe(system.processOf(placement.module));
      expect(placement.transport).toBe(system.transportOf(placement.module));
      expect(placement.contracts.every((pattern: string) => /\.v\d+$/.test(pattern))).toBe(true);
    }
  });

  it('finds a live instance of every configured module: in this process, answering a ping over TCP, or beating on the bus', async () => {
    await eventually(async () => {
      const topology = await system.http('GET', '/topology');
      expect(topology.body.modules.map((placement: { module: string }) => placement.module).sort()).toEqual(
        system.deployedModules().sort(),
      );
      for (const placement of topology.body.modules) {
        expect({ module: placement.module, status: placement.status }).toEqual({ module: placement.module, status: 'up' });
        expect(placement.instances.length).toBeGreaterThanOrEqual(1);
        expect(placement.instances.every((instance: { process: string }) => instance.process === placement.process)).toBe(true);
      }
    }, 8000);
  });

  it("serves every process's numbers on one GET /metrics, each series labelled with its process", async () => {
    await system.http('POST', '/auth/register', { body: { email: uniqueEmail('metrics'), password: 'correct horse battery' } });
    expect((await system.http('GET', '/billing/plans')).status).toBe(200);
    // A replica's series also carry its instance (ADR 0028); each gateway counts its own requests
    // and one scrape reaches one replica of a process (ADR 0030): read every gateway until all show.
    const ofProcess = (name: string) => `process="${name}"(,instance="${name}#\\d+")?\\}`;
    const billing = system.processOf('billing');
    const auth = system.processOf('auth');
    await eventually(async () => {
      const text = (await Promise.all(system.baseUrls.map(scrapeMetrics))).join('\n');
      expect(text).toMatch(
        new RegExp(
          `archipelago_messages_handled_total\\{pattern="billing.plans.list.v1",caller="gateway",outcome="ok",${ofProcess(billing)} [1-9]`,
        ),
      );
      expect(text).toMatch(new RegExp(`archipelago_outbox_pending\\{module="auth",subscriber="audit",${ofProcess(auth)} \\d+`));
      expect(text).toMatch(
        new RegExp(`archipelago_http_requests_total\\{method="GET",route="/billing/plans",status="200",${ofProcess('main')} [1-9]`),
      );
      expect(text).toMatch(/archipelago_sagas|# HELP archipelago_sagas/);
      for (const name of new Set(remote.map((module) => system.processOf(module)))) {
        expect(text).toContain(`archipelago_process_up{process="${name}"} 1`);
        expect(text).toContain(`process_resident_memory_bytes{process="${name}"`);
      }
    });
  });

  it('registers a user, logs them in and tells them who they are', async () => {
    const email = uniqueEmail();
    const registered = await system.http('POST', '/auth/register', { body: { email, password: 'correct horse battery' } });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ email, roles: ['user'] });
    expect(registered.body).not.toHaveProperty('passwordHash');
    const login = await system.http('POST', '/auth/login', { body: { email, password: 'correct horse battery' } });
    expect(login.status).toBe(200);
    const me = await system.http('GET', '/auth/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: registered.body.id, email });
  });

  it('puts the request trace ID on the audit entries of the command and of its event', async () => {
    const trace = traceparent();
    const registered = await system.http('POST', '/auth/register', {
      body: { email: uniqueEmail('traced'), password: 'correct horse battery' },
      headers: { traceparent: trace.header },
    });
    expect(registered.status).toBe(201);
    expect(registered.headers.get('x-trace-id')).toBe(trace.traceId);
    const entries = await eventually(async () => {
      const found = await auditEntries(context, `traceId=${trace.traceId}`);
      expect(found.map((entry) => entry.action).sort()).toEqual(['auth.user.registered.v1', 'platform.command.handled.v1']);
      return found;
    });
    const command = entries.find((entry) => entry.action === 'platform.command.handled.v1')!;
    expect(command.payload).toMatchObject({ pattern: 'auth.user.register.v1', outcome: 'ok', caller: 'gateway' });
    expect(entries.every((entry) => entry.module === 'auth')).toBe(true);
  });

  it('answers 400 naming the field for bad input, and stores nothing', async () => {
    const email = uniqueEmail('invalid');
    const tooShort = await system.http('POST', '/auth/register', { body: { email, password: 'short' } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.fields).toEqual([expect.objectContaining({ field: 'password' })]);
    expect(tooShort.body.message).toMatch(/password/);
    const unknownField = await system.http('POST', '/auth/register', { body: { email, password: 'long enough password', isAdmin: true } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toMatch(/isAdmin/);
    const malformed = await system.http('POST', '/auth/register', { rawBody: '{"email": ' });
    expect(malformed.status).toBe(400);
    const afterwards = await system.http('POST', '/auth/register', { body: { email, password: 'long enough password' } });
    expect(afterwards.status).toBe(201);
  });

  it('answers 401 without a token and with a forged one', async () => {
    const missing = await system.http('GET', '/auth/me');
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('AUTHENTICATION_REQUIRED');
    const forged = await system.http('GET', '/auth/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(forged.status).toBe(401);
  });

  it('answers 403 to a user reading the audit log, and audits the refusal', async () => {
    const user = await newAccount(system);
    const trace = traceparent();
    const refused = await system.http('GET', '/audit', { token: user.token, headers: { traceparent: trace.header } });
    expect(refused.status).toBe(403);
    expect(refused.body.traceId).toBe(trace.traceId);
    await eventually(async () => {
      const entries = await auditEntries(context, `traceId=${trace.traceId}`);
      expect(entries).toEqual([expect.objectContaining({ action: 'platform.message.refused.v1', actor: `user:${user.userId}` })]);
      expect(entries[0].payload).toMatchObject({ reason: 'role-missing', pattern: 'audit.entries.search.v1' });
    });
  });

  it('answers 413 to an oversized body', async () => {
    const huge = await system.http('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'x'.repeat(200_000) } });
    expect(huge.status).toBe(413);
  });

  describe('when a module runs in another process', () => {
    const target = (['auth', 'audit', 'billing', 'notification'] as const).find((module) => remote.includes(module)) ?? 'auth';
    const probe = PROBES[target];
    const callTarget = (token: string) => probe.call(context, token);

    whenAnyRemote('refuses a message with a bad signature sent straight to its wire (TCP port or bus subject), and audits it', async () => {
      const trace = traceparent();
      const pattern = probe.signedPattern;
      const now = Date.now();
      const meta = {
        messageId: 'hostile-1',
        pattern,
        traceparent: trace.header,
        caller: 'gateway',
        callee: target,
        keys: { from: '0'.repeat(16), to: '0'.repeat(16) },
        actor: { kind: 'system' },
        issuedAt: now,
        deadline: now + 5000,
      };
      const payload = probe.payload();
      const reply = await system.sendRaw(target, pattern, { meta, payload, signature: 'ab'.repeat(32) });
      expect(reply.err).toMatchObject({ status: 401, code: 'BAD_SIGNATURE' });
      await eventually(async () => {
        const entries = await auditEntries(context, `traceId=${trace.traceId}`);
        expect(entries).toEqual([expect.objectContaining({ action: 'platform.message.refused.v1', module: target, actor: 'anonymous' })]);
        expect(entries[0].payload).toMatchObject({ reason: 'bad-signature', claimedCaller: 'gateway' });
      });
    });

    whenAnyRemote('refuses a packet that is not an envelope', async () => {
      const pattern = probe.signedPattern;
      const reply = await system.sendRaw(target, pattern, { accessToken: 'x' });
      expect(reply.err).toMatchObject({ status: 400, code: 'BAD_ENVELOPE' });
    });

    whenAnyRemote('answers 503 within the deadline while the module is stopped, and recovers when it is back', async () => {
      const processName = system.processOf(target);
      await system.process(processName).stop();
      try {
        const startedAt = Date.now();
        const result = await callTarget(context.adminToken());
        expect(result.status).toBe(503);
        expect(result.body.code).toBe('MODULE_UNAVAILABLE');
        expect(Date.now() - startedAt).toBeLessThan(CALL_TIMEOUT_MS);
      } finally {
        await system.process(processName).start();
      }
      await eventually(async () => expect((await system.http('GET', '/health')).status).toBe(200));
    });

    whenAnyRemote('answers 504 when the module hangs past the deadline', async () => {
      const hung = system.process(system.processOf(target));
      await callTarget(context.adminToken());
      hung.pause();
      try {
        const result = await callTarget(context.adminToken());
        expect(result.status).toBe(504);
        expect(result.body.code).toBe('DEADLINE_EXCEEDED');
      } finally {
        hung.resume();
      }
    });

    whenRemote('audit')('delivers an event raised while audit is down once it is back, exactly once', async () => {
      const audit = system.process(system.processOf('audit'));
      await audit.stop();
      const trace = traceparent();
      try {
        const registered = await system.http('POST', '/auth/register', {
          body: { email: uniqueEmail('while-down'), password: 'correct horse battery' },
          headers: { traceparent: trace.header },
        });
        expect(registered.status).toBe(201);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      } finally {
        await audit.start();
      }
      const registeredEvents = async () =>
        (await auditEntries(context, `traceId=${trace.traceId}`)).filter((e) => e.action === 'auth.user.registered.v1');
      await eventually(async () => expect(await registeredEvents()).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await registeredEvents()).toHaveLength(1);
    });
  });
}
