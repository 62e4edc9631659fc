import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { BillingModule } from '@app/billing';
import { ModuleName } from '@app/contracts';
import { NotificationModule } from '@app/notification';
import { Type } from '@nestjs/common';

/** The Nest module of every business module this program can host. */
export const HOSTABLE_MODULES: Record<ModuleName, Type> = {
  auth: AuthModule,
  billing: BillingModule,
  notification: NotificationModule,
  audit: AuditModule,
};
