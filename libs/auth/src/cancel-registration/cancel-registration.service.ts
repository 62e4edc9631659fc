import { AuthEvents, CancelledRegistration, CancelRegistrationRequest } from '@app/contracts';
import { EventPublisher, ModuleDatabase } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ADMIN_ROLE } from '../auth.constants';
import { AuthErrors } from '../auth.errors';
import { forUpdate } from '../database/for-update';
import { RefreshToken } from '../database/refresh-token.entity';
import { User } from '../database/user.entity';
import { normalizeEmail } from '../users/normalize-email';

/**
 * The compensation of the signup saga: a registration whose next step failed is undone. The
 * account and its sessions are deleted (so the email can sign up again) and
 * `auth.registration.cancelled.v1` is published, all in one transaction. Idempotent: a second
 * cancel finds nothing and answers `cancelled: false`. An orchestrator that lost the user's id
 * in a crash cancels by email, limited to accounts created since its saga started.
 */
@Injectable()
export class CancelRegistrationService {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly publisher: EventPublisher,
  ) {}

  cancel(request: CancelRegistrationRequest): Promise<CancelledRegistration> {
    return this.db.transaction((manager) => this.cancelIn(manager, request));
  }

  private async cancelIn(manager: EntityManager, request: CancelRegistrationRequest): Promise<CancelledRegistration> {
    const { reason } = request;
    const where = request.userId ? { id: request.userId } : { email: normalizeEmail(request.email ?? '') };
    const found = await manager.findOne(User, { where, lock: forUpdate(manager) });
    // By email, only an account the saga may have made: one created since it started.
    const user = found && (request.userId || found.createdAt >= (request.registeredSince ?? '')) ? found : null;
    if (!user) return { userId: request.userId ?? null, cancelled: false };
    const userId = user.id;
    if (user.roles.includes(ADMIN_ROLE)) throw AuthErrors.adminNotCancellable();
    await manager.delete(RefreshToken, { userId });
    await manager.delete(User, { id: userId });
    await this.publisher.publish(manager, AuthEvents.registrationCancelled, { userId, email: user.email, reason });
    return { userId, cancelled: true };
  }
}
