import { InvoiceStatus } from '@app/contracts';
import { ConflictException } from '@nestjs/common';

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
    throw new ConflictException({
      code: to === 'refunding' || to === 'refunded' ? 'INVOICE_NOT_PAID' : 'INVOICE_STATE_CONFLICT',
      message: `an invoice that is ${from} cannot become ${to}`,
    });
  }
  return to;
}
