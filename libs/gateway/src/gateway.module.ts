import { AuditClient, AuthClient, BillingClient, GATEWAY, NotificationClient } from '@app/contracts';
import { clientProviders } from '@app/platform';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditHttpController } from './audit/audit.http.controller';
import { AuthHttpController } from './auth/auth.http.controller';
import { BillingHttpController } from './billing/billing.http.controller';
import { DeadLettersHttpController } from './events/dead-letters.http.controller';
import { HealthHttpController } from './health/health.http.controller';
import { ModuleHealthIndicator } from './health/module-health.indicator';
import { AuthenticatedGuard } from './http/authenticated.guard';
import { VerifiedTokenCache } from './http/verified-token.cache';
import { NotificationHttpController } from './notification/notification.http.controller';
import { SignupHttpController } from './signup/signup.http.controller';
import { SignupSaga } from './signup/signup.saga';
import { TopologyHttpController } from './topology/topology.http.controller';

/** The HTTP edge. It owns no data: every route is a typed call to a module, as `gateway`. */
@Module({
  imports: [TerminusModule],
  controllers: [
    AuthHttpController,
    SignupHttpController,
    BillingHttpController,
    NotificationHttpController,
    AuditHttpController,
    DeadLettersHttpController,
    HealthHttpController,
    TopologyHttpController,
  ],
  providers: [
    ...clientProviders(GATEWAY, [AuthClient, BillingClient, NotificationClient, AuditClient]),
    AuthenticatedGuard,
    VerifiedTokenCache,
    ModuleHealthIndicator,
    SignupSaga,
  ],
})
export class GatewayModule {}
