import { BillingClient, SubscriptionView } from '@app/contracts';
import { Topology } from '../src/config/topology';
import { MessageSender } from '../src/messaging/message-sender';
import { ModuleBus } from '../src/messaging/module-bus';

/** A MessageSender that records what it is asked to send and answers at once. */
function recordingSender(answer: unknown) {
  const sent: unknown[][] = [];
  const sender = { send: (...args: unknown[]) => (sent.push(args), Promise.resolve(answer)) } as unknown as MessageSender;
  return { sender, sent };
}

const withBilling = new Topology('test', { processes: { main: {} }, modules: { billing: { process: 'main' } } }, 'main');

describe('a typed client on the kernel', () => {
  it('sends through the MessageSender to the module that owns the pattern, as its caller, and returns the answer', async () => {
    const view = { id: 'sub-1', status: 'active' } as SubscriptionView;
    const { sender, sent } = recordingSender(view);
    const billing = new BillingClient(new ModuleBus('gateway', sender, withBilling));

    const answer = await billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_ok' });

    expect(answer).toBe(view);
    expect(sent).toEqual([['billing', 'billing.subscription.create.v1', { planId: 'basic-monthly', paymentToken: 'tok_ok' }, 'gateway']]);
  });

  it('answers 503 MODULE_UNAVAILABLE without sending when the topology does not deploy the callee', async () => {
    const { sender, sent } = recordingSender({});
    const withoutBilling = new Topology('test', { processes: { main: {} }, modules: {} }, 'main');
    const billing = new BillingClient(new ModuleBus('auth', sender, withoutBilling));

    await expect(billing.listPlans()).rejects.toMatchObject({ status: 503, code: 'MODULE_UNAVAILABLE' });
    expect(sent).toEqual([]);
  });
});
