import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RefreshTokenRevocation = 'rotated' | 'reuse-detected';

/**
 * One issued refresh token. Only its SHA-256 is stored. Tokens rotated from one login share a
 * family, so a reused token can revoke every session that descends from it.
 */
@Entity('refresh_tokens')
@Index('refresh_tokens_hash_unique', ['tokenHash'], { unique: true })
@Index('refresh_tokens_family', ['familyId'])
@Index('refresh_tokens_user', ['userId'])
export class RefreshToken {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** Hex SHA-256 of the token the client holds. */
  @Column({ type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 36 }) familyId!: string;
  @Column({ type: 'varchar', length: 30 }) issuedAt!: string;
  @Column({ type: 'varchar', length: 30 }) expiresAt!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) revokedAt!: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) revokedReason!: RefreshTokenRevocation | null;
}
