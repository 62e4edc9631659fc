import { InvoiceStatus } from '@app/contracts';
import { BillingErrors } from '../billing.errors';

/**
 * `open → paid | void | abandoned`, `abandoned → void`, `paid → refunding`,
 * `refunding → refunded | paid`. Nothing else. Every move is written as a conditional update
 * (`… WHERE status IN (sourcesOf(to))`), so two racing writers cannot both make it.
 */
const ALLOWED: Record<InvoiceStatus, InvoiceStatus[]> = {
  open: ['paid', 'void', 'abandoned'],
  abandoned: ['void'],
  paid: ['refunding'],
  refunding: ['refunded', 'paid'],
  void: [],
  refunded: [],
};

export function canMoveInvoice(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The statuses an invoice may be in to move to `to`. */
export function sourcesOf(to: InvoiceStatus): InvoiceStatus[] {
  return (Object.keys(ALLOWED) as InvoiceStatus[]).filter((from) => ALLOWED[from].includes(to));
}

/** The next status, or 409 when the move is not in the lifecycle. */
export function moveInvoice(from: InvoiceStatus, to: InvoiceStatus): InvoiceStatus {
  if (!canMoveInvoice(from, to)) {
    throw BillingErrors.invoiceStateConflict(from, to);
  }
  return to;
}
