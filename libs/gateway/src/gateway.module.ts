import { AuditClient, AuthClient, GATEWAY } from '@app/contracts';
import { clientProviders } from '@app/platform';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditHttpController } from './audit/audit.http.controller';
import { AuthHttpController } from './auth/auth.http.controller';
import { HealthHttpController } from './health/health.http.controller';
import { ModuleHealthIndicator } from './health/module-health.indicator';
import { AuthenticatedGuard } from './http/authenticated.guard';
import { TopologyHttpController } from './topology/topology.http.controller';

/** The HTTP edge. It owns no data: every route is a typed call to a module, as `gateway`. */
@Module({
  imports: [TerminusModule],
  controllers: [AuthHttpController, AuditHttpController, HealthHttpController, TopologyHttpController],
  providers: [...clientProviders(GATEWAY, [AuthClient, AuditClient]), AuthenticatedGuard, ModuleHealthIndicator],
})
export class GatewayModule {}
