import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { HostedDatabases } from '../database/hosted-databases';
import { EnvelopeGate } from '../envelope/envelope-gate';
import { EnvelopeSigner } from '../envelope/envelope-signer';
import { ReplayCache } from '../envelope/replay-cache';
import { SeenMessages } from '../envelope/seen-messages';
import { loadEnvelopeKeys } from '../identity/load-envelope-keys';
import { DeadLetterController } from '../events/dead-letter.controller';
import { DeadLetters } from '../events/dead-letters';
import { EventDeliveryController } from '../events/event-delivery.controller';
import { EventHandlerRegistry } from '../events/event-handler-registry';
import { EventInbox } from '../events/event-inbox';
import { HostedPublishers } from '../events/hosted-publishers';
import { OutboxRelay } from '../events/outbox-relay';
import { Drain } from '../lifecycle/drain';
import { Metrics } from '../metrics/metrics';
import { MetricsController } from '../metrics/metrics.controller';
import { OutboxGauges } from '../metrics/outbox-gauges';
import { PingController } from '../health/ping.controller';
import { CommandStamps } from '../messaging/command-stamps';
import { HandlerTable } from '../messaging/handler-table';
import { MessageSender } from '../messaging/message-sender';
import { RefusalRecorder } from '../messaging/refusal-recorder';
import { registryProviders } from '../registry/registry.providers';
import { ServiceRegistry } from '../registry/service-registry';
import { CallListeners } from '../transport/call-listeners';
import { ModuleClients } from '../transport/module-clients';
import { Transports } from '../transport/transports';
import { TracesController } from '../tracing/traces.controller';
import { Tracing } from '../tracing/tracing';

export interface PlatformOptions {
  topology: Topology;
  config: PlatformConfig;
}

/**
 * The kernel, once per process: transports, envelope signing with the keys of the modules hosted
 * here, replay protection, the outbox relay and the inbox.
 * Business modules reach it through `ModuleKernel.forModule(...)`.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ topology, config }: PlatformOptions): DynamicModule {
    const hostsModules = topology.hostedModules.length > 0;
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      controllers: hostsModules ? [EventDeliveryController, DeadLetterController, PingController, MetricsController, TracesController] : [],
      providers: [
        { provide: Topology, useValue: topology },
        { provide: PLATFORM_CONFIG, useValue: config },
        // read at start, outside Nest's injector, so a missing key file stops the process with its name (ADR 0022)
        { provide: EnvelopeSigner, useValue: new EnvelopeSigner(loadEnvelopeKeys(topology, config)) },
        { provide: Tracing, useFactory: () => new Tracing(topology.processName, config.tracing) },
        Drain,
        Metrics,
        ...(hostsModules ? [OutboxGauges] : []),
        HandlerTable,
        CommandStamps,
        RefusalRecorder,
        ReplayCache,
        SeenMessages,
        EnvelopeGate,
        Transports,
        ModuleClients,
        CallListeners,
        MessageSender,
        HostedDatabases,
        HostedPublishers,
        OutboxRelay,
        EventHandlerRegistry,
        EventInbox,
        DeadLetters,
        ...registryProviders(topology, HostedDatabases),
      ],
      exports: [
        ...(topology.self.http ? [ServiceRegistry] : []),
        Drain,
        Metrics,
        Tracing,
        Topology,
        PLATFORM_CONFIG,
        EnvelopeSigner,
        HandlerTable,
        MessageSender,
        HostedDatabases,
        HostedPublishers,
        OutboxRelay,
      ],
    };
  }
}
