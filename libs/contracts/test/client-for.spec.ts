import { dirname, join } from 'node:path';
import ts from 'typescript';
import {
  AuditClient,
  AuditContract,
  AuthClient,
  AuthContract,
  BillingClient,
  BillingContract,
  CallContract,
  command,
  ContractBus,
  defineContract,
  NotificationClient,
  NotificationContract,
  RegisterRequest,
} from '@app/contracts';

/** A ContractBus that records each call and answers with what the test gives it. */
class RecordingBus extends ContractBus {
  readonly calls: Array<{ pattern: string; request: object }> = [];
  constructor(private readonly answer: unknown) {
    super();
  }

  call<TRequest extends object, TResponse>(contract: CallContract<TRequest, TResponse>, request: TRequest): Promise<TResponse> {
    this.calls.push({ pattern: contract.pattern, request });
    return Promise.resolve(this.answer as TResponse);
  }
}

describe('clientFor', () => {
  it("gives a client one method per entry of its contract, each sending that entry's pattern", async () => {
    const pairs = [
      [AuthClient, AuthContract],
      [BillingClient, BillingContract],
      [NotificationClient, NotificationContract],
      [AuditClient, AuditContract],
    ] as const;
    for (const [Client, contract] of pairs) {
      const bus = new RecordingBus('answer');
      const client = new Client(bus) as unknown as Record<string, (request: object) => Promise<unknown>>;

      expect(Object.keys(client).sort()).toEqual(Object.keys(contract).sort());
      for (const operation of Object.keys(contract)) await client[operation]({ marker: operation });
      expect(bus.calls).toEqual(
        Object.values(contract).map((call, index) => ({ pattern: call.pattern, request: { marker: Object.keys(contract)[index] } })),
      );
    }
  });

  it('sends the request as given and returns the answer', async () => {
    const view = { id: 'sub-1', status: 'active' };
    const bus = new RecordingBus(view);
    const answer = await new BillingClient(bus).createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_ok' });

    expect(answer).toBe(view);
    expect(bus.calls).toEqual([
      { pattern: 'billing.subscription.create.v1', request: { planId: 'basic-monthly', paymentToken: 'tok_ok' } },
    ]);
  });

  it('sends {} for a request left out', async () => {
    const bus = new RecordingBus({ plans: [] });
    await new BillingClient(bus).listPlans();

    expect(bus.calls).toEqual([{ pattern: 'billing.plans.list.v1', request: {} }]);
  });

  it('refuses a wrong request shape at compile time (client-for.types.ts type-checks with no error)', () => {
    const file = join(__dirname, 'client-for.types.ts');
    const program = ts.createProgram([file], compilerOptions());
    const source = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) =>
      ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    );

    expect(diagnostics).toEqual([]);
  }, 60_000);
});

describe('defineContract', () => {
  it('refuses a pattern of another module: the call would be routed there', () => {
    expect(() => defineContract('billing', { register: command('auth.user.register.v1', RegisterRequest).returns<object>() })).toThrow(
      `billing's contract: register is "auth.user.register.v1"; every pattern of billing must start with "billing."`,
    );
  });

  it('refuses an operation named then: a client with a then method would be awaited like a promise', () => {
    expect(() => defineContract('auth', { then: command('auth.user.register.v1', RegisterRequest).returns<object>() })).toThrow(
      `auth's contract: "then" cannot name an operation`,
    );
  });
});

function compilerOptions(): ts.CompilerOptions {
  const tsconfig = join(__dirname, '..', '..', '..', 'tsconfig.json');
  const config = ts.readConfigFile(tsconfig, (path) => ts.sys.readFile(path));
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(tsconfig)).options, noEmit: true };
}
