import { clientFor, command, defineContract, query } from '../shared';
import {
  CancelSubscriptionRequest,
  CreateSubscriptionRequest,
  InvoiceList,
  InvoiceView,
  ListInvoicesRequest,
  ListPlansRequest,
  ListSubscriptionsRequest,
  PlanList,
  RefundInvoiceRequest,
  SubscriptionList,
  SubscriptionView,
} from './billing.dto';

/** Every call the billing module answers. The acting user comes from the envelope. */
export const BillingContract = defineContract('billing', {
  listPlans: query('billing.plans.list.v1', ListPlansRequest).returns<PlanList>(),
  createSubscription: command('billing.subscription.create.v1', CreateSubscriptionRequest).returns<SubscriptionView>(),
  listSubscriptions: query('billing.subscription.list.v1', ListSubscriptionsRequest).returns<SubscriptionList>(),
  cancelSubscription: command('billing.subscription.cancel.v1', CancelSubscriptionRequest).returns<SubscriptionView>(),
  listInvoices: query('billing.invoice.list.v1', ListInvoicesRequest).returns<InvoiceList>(),
  refundInvoice: command('billing.invoice.refund.v1', RefundInvoiceRequest).returns<InvoiceView>(),
});

/** The typed client of the billing module (`billingClient.createSubscription(dto)`). */
export class BillingClient extends clientFor(BillingContract) {}
