import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Roles as a JSON array in a text column: the same on SQLite and PostgreSQL. */
const jsonStringArray = {
  to: (roles: string[]) => JSON.stringify(roles),
  from: (raw: string) => JSON.parse(raw) as string[],
};

/** An account. Times are ISO-8601 strings; the login streak drives the lockout. */
@Entity('users')
@Index('users_email_unique', ['email'], { unique: true })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** Lower-cased and trimmed. */
  @Column({ type: 'varchar', length: 254 }) email!: string;
  /** Argon2id, encoded with its salt and parameters. */
  @Column({ type: 'varchar', length: 255 }) passwordHash!: string;
  @Column({ type: 'text', transformer: jsonStringArray }) roles!: string[];
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
  /** Failed logins since the last success (locked attempts included). */
  @Column({ type: 'integer', default: 0 }) failedLoginCount!: number;
  /** When the current run of failures began. */
  @Column({ type: 'varchar', length: 30, nullable: true }) failedLoginSince!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) lockedUntil!: string | null;
}
