import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { ModuleName } from '@app/contracts';
import { Type } from '@nestjs/common';

/** The Nest module of every business module this program can host. */
export const HOSTABLE_MODULES: Partial<Record<ModuleName, Type>> = {
  auth: AuthModule,
  audit: AuditModule,
};
