import { AuditClient, AuthClient, BillingClient, GATEWAY, NotificationClient } from '@app/contracts';
import { clientProviders, ModuleKernel } from '@app/platform';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditHttpController } from './audit/audit.http.controller';
import { AuthHttpController } from './auth/auth.http.controller';
import { BillingHttpController } from './billing/billing.http.controller';
import { CallsHttpController } from './calls/calls.http.controller';
import { DeadLettersHttpController } from './events/dead-letters.http.controller';
import { HealthHttpController } from './health/health.http.controller';
import { ModuleHealthIndicator } from './health/module-health.indicator';
import { AuthenticatedGuard } from './http/authenticated.guard';
import { VerifiedTokenCache } from './http/verified-token.cache';
import { MetricsHttpController } from './metrics/metrics.http.controller';
import { SagaGauges } from './metrics/saga-gauges';
import { NotificationHttpController } from './notification/notification.http.controller';
import { GatewayTables1764100000000 } from './sagas/gateway-tables.migration';
import { sagaConfigProvider } from './sagas/saga.config';
import { SagaInstance } from './sagas/saga-instance.entity';
import { SagaLog } from './sagas/saga-log';
import { SagaRecovery } from './sagas/saga-recovery';
import { SagasHttpController } from './sagas/sagas.http.controller';
import { SignupHttpController } from './signup/signup.http.controller';
import { SignupSaga } from './signup/signup.saga';
import { TopologyHttpController } from './topology/topology.http.controller';
import { TraceCollector } from './traces/trace-collector';
import { TracesHttpController } from './traces/traces.http.controller';

/**
 * The HTTP edge. Every route is a typed call to a module, as `gateway`. The one thing it owns is
 * the saga log of the sagas it orchestrates (ADR 0018), in a database of its own.
 */
@Module({
  imports: [
    TerminusModule,
    ModuleKernel.forOrchestrator({ owner: GATEWAY, entities: [SagaInstance], migrations: [GatewayTables1764100000000] }),
  ],
  controllers: [
    AuthHttpController,
    SignupHttpController,
    BillingHttpController,
    CallsHttpController,
    NotificationHttpController,
    AuditHttpController,
    DeadLettersHttpController,
    HealthHttpController,
    MetricsHttpController,
    TopologyHttpController,
    SagasHttpController,
    TracesHttpController,
  ],
  providers: [
    ...clientProviders(GATEWAY, [AuthClient, BillingClient, NotificationClient, AuditClient]),
    AuthenticatedGuard,
    VerifiedTokenCache,
    ModuleHealthIndicator,
    SignupSaga,
    sagaConfigProvider,
    SagaLog,
    SagaRecovery,
    SagaGauges,
    TraceCollector,
  ],
})
export class GatewayModule {}
