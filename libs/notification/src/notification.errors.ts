import { ConflictException } from '@nestjs/common';

/** Every refusal of the notification module, as `{ code, message }`; the platform adds the status. */
export const NotificationErrors = {
  /**
   * A billing event came before the user's `auth.user.registered.v1`: events of two modules are
   * not ordered. Refusing rolls the inbox back, so the publisher's relay delivers it again later.
   */
  recipientUnknown: (userId: string) =>
    new ConflictException({
      code: 'RECIPIENT_UNKNOWN',
      message: `no recipient is known for user ${userId} yet; deliver again after auth.user.registered.v1`,
    }),
} as const;
