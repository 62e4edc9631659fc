import { AuthClient, BillingClient, ListPlansRequest, PlanList, query, SubscriptionView, UserView } from '@app/contracts';
import { defineContract } from '@app/contracts';

/**
 * Never run: client-for.spec.ts type-checks this file and fails on any diagnostic. Each
 * `@ts-expect-error` line must stay a compile error (an unused one is itself an error), and the
 * lines without one must keep compiling.
 */
export async function requestsTheCompilerChecks(billing: BillingClient, auth: AuthClient): Promise<void> {
  // @ts-expect-error a required field (paymentToken) is missing
  await billing.createSubscription({ planId: 'basic-monthly' });
  // @ts-expect-error a field of the wrong type
  await billing.createSubscription({ planId: 'basic-monthly', paymentToken: 42 });
  // @ts-expect-error a field the request class does not declare
  await billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_ok', coupon: 'FREE' });
  // @ts-expect-error a request with a required field cannot be left out
  await auth.verifyToken();
  // @ts-expect-error an operation the contract does not have
  await billing.deleteEverything({});

  const subscription: SubscriptionView = await billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_ok' });
  // @ts-expect-error the response is typed too: a SubscriptionView has no `amount`
  void subscription.amount;
  const plans: PlanList = await billing.listPlans();
  // @ts-expect-error a PlanList is not a UserView
  const notAUser: UserView = await billing.listPlans();
  void [plans, notAUser];
}

/** A contract entry must name its response type: a call without `.returns<…>()` is refused. */
export const contractWithoutAResponse = () =>
  // @ts-expect-error listPlans lacks `.returns<PlanList>()`
  defineContract('billing', { listPlans: query('billing.plans.list.v1', ListPlansRequest) });
