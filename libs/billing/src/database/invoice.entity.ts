import { InvoiceStatus } from '@app/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('invoices')
@Index('invoices_user', ['userId'])
@Index('invoices_subscription', ['subscriptionId'])
export class Invoice {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) subscriptionId!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'integer' }) amountMinor!: number;
  @Column({ type: 'varchar', length: 3 }) currency!: string;
  @Column({ type: 'varchar', length: 10 }) status!: InvoiceStatus;
  @Column({ type: 'varchar', length: 200, nullable: true }) failureReason!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) chargeId!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) refundId!: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) paidAt!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) refundedAt!: string | null;
}
