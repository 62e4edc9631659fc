import { RefusalReason } from '@app/contracts';

const STATUS: Record<RefusalReason, number> = {
  'bad-envelope': 400,
  'bad-signature': 401,
  'deadline-expired': 504,
  'caller-not-allowed': 403,
  'role-missing': 403,
  'not-permitted': 403,
  replayed: 409,
};

/** A message stopped at a module's permission boundary. */
export class RefusalError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'RefusalError';
  }

  get status(): number {
    return STATUS[this.reason];
  }

  get code(): string {
    return this.reason.toUpperCase().replace(/-/g, '_');
  }
}
