import { SubscriptionStatus } from '@app/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('subscriptions')
@Index('subscriptions_user', ['userId'])
export class Subscription {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 64 }) planId!: string;
  @Column({ type: 'varchar', length: 20 }) status!: SubscriptionStatus;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) endedAt!: string | null;
}
