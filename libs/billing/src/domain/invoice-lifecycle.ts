import { InvoiceStatus } from '@app/contracts';
import { ConflictException } from '@nestjs/common';

/** `open → paid | void`, `paid → refunded`. Nothing else. */
const ALLOWED: Record<InvoiceStatus, InvoiceStatus[]> = {
  open: ['paid', 'void'],
  paid: ['refunded'],
  void: [],
  refunded: [],
};

export function canMoveInvoice(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The next status, or 409 when the move is not in the lifecycle. */
export function moveInvoice(from: InvoiceStatus, to: InvoiceStatus): InvoiceStatus {
  if (!canMoveInvoice(from, to)) {
    throw new ConflictException({
      code: to === 'refunded' ? 'INVOICE_NOT_PAID' : 'INVOICE_STATE_CONFLICT',
      message: `an invoice that is ${from} cannot become ${to}`,
    });
  }
  return to;
}
