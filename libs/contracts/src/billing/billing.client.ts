import { ContractBus } from '../shared';
import { BillingContract } from './billing.contract';
import {
  CancelSubscriptionRequest,
  CreateSubscriptionRequest,
  InvoiceList,
  InvoiceView,
  ListInvoicesRequest,
  PlanList,
  RefundInvoiceRequest,
  SubscriptionList,
  SubscriptionView,
} from './billing.dto';

export class BillingClient {
  constructor(private readonly bus: ContractBus) {}

  listPlans(): Promise<PlanList> {
    return this.bus.call(BillingContract.listPlans, {});
  }

  createSubscription(request: CreateSubscriptionRequest): Promise<SubscriptionView> {
    return this.bus.call(BillingContract.createSubscription, request);
  }

  listSubscriptions(): Promise<SubscriptionList> {
    return this.bus.call(BillingContract.listSubscriptions, {});
  }

  cancelSubscription(request: CancelSubscriptionRequest): Promise<SubscriptionView> {
    return this.bus.call(BillingContract.cancelSubscription, request);
  }

  listInvoices(request: ListInvoicesRequest): Promise<InvoiceList> {
    return this.bus.call(BillingContract.listInvoices, request);
  }

  refundInvoice(request: RefundInvoiceRequest): Promise<InvoiceView> {
    return this.bus.call(BillingContract.refundInvoice, request);
  }
}
