import { BillingTables1732406400200 } from './billing-tables.migration';
import { Customer } from './customer.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { Invoice } from './invoice.entity';
import { Plan } from './plan.entity';
import { Subscription } from './subscription.entity';

export const BILLING_ENTITIES = [Plan, Customer, Subscription, Invoice, IdempotencyKey];
export const BILLING_MIGRATIONS = [BillingTables1732406400200];
