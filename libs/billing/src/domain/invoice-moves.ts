import { InvoiceStatus } from '@app/contracts';
import { EntityManager, In } from 'typeorm';
import { Invoice } from '../database/invoice.entity';
import { sourcesOf } from './invoice-lifecycle';

/**
 * Moves an invoice to `to` only if it is still in a status the lifecycle allows that move from,
 * in one conditional UPDATE: of two racing writers exactly one gets `true`. The claim every
 * money movement starts with.
 */
export async function moveIfStill(
  manager: EntityManager,
  invoiceId: string,
  to: InvoiceStatus,
  patch: Partial<Invoice> = {},
  from: InvoiceStatus[] = sourcesOf(to),
): Promise<boolean> {
  const result = await manager.update(Invoice, { id: invoiceId, status: In(from) }, { ...patch, status: to });
  return (result.affected ?? 0) === 1;
}
