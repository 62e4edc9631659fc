import { defineCommand, defineQuery } from '../shared';
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
export const BillingContract = {
  listPlans: defineQuery<ListPlansRequest, PlanList>('billing.plans.list.v1', ListPlansRequest),
  createSubscription: defineCommand<CreateSubscriptionRequest, SubscriptionView>(
    'billing.subscription.create.v1',
    CreateSubscriptionRequest,
  ),
  listSubscriptions: defineQuery<ListSubscriptionsRequest, SubscriptionList>('billing.subscription.list.v1', ListSubscriptionsRequest),
  cancelSubscription: defineCommand<CancelSubscriptionRequest, SubscriptionView>(
    'billing.subscription.cancel.v1',
    CancelSubscriptionRequest,
  ),
  listInvoices: defineQuery<ListInvoicesRequest, InvoiceList>('billing.invoice.list.v1', ListInvoicesRequest),
  refundInvoice: defineCommand<RefundInvoiceRequest, InvoiceView>('billing.invoice.refund.v1', RefundInvoiceRequest),
} as const;
