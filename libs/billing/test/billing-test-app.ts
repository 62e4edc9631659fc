import { BillingClient, ContractBus, GATEWAY } from '@app/contracts';
import {
  clientProviders,
  InProcessBroker,
  InProcessServer,
  MessageContext,
  newTrace,
  PlatformModule,
  readPlatformConfig,
  Topology,
} from '@app/platform';
import { INestApplication, Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BillingModule } from '../src';

@Module({ providers: clientProviders(GATEWAY, [BillingClient]), exports: [BillingClient, ContractBus] })
class GatewayCallerModule {}

/** Billing alone in one process, called as the gateway would, through BillingClient. */
export async function startBilling(env: Record<string, string> = {}): Promise<{ app: INestApplication; billing: BillingClient }> {
  const topology = new Topology('billing-test', { processes: { main: {} }, modules: { billing: { process: 'main' } } }, 'main');
  const config = readPlatformConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'archipelago-billing-')),
    OUTBOX_RELAY_INTERVAL_MS: '50',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ topology, config }), BillingModule, GatewayCallerModule],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  app.connectMicroservice({ strategy: new InProcessServer(app.get(InProcessBroker)) });
  await app.startAllMicroservices();
  await app.init();
  return { app, billing: app.get(BillingClient) };
}

export const newUser = (roles = ['user']) => ({ kind: 'user' as const, id: randomUUID(), roles });

/** Runs a call as the given user, the way the gateway's context would. */
export function as<T>(actor: ReturnType<typeof newUser>, call: () => Promise<T>, deadline?: number): Promise<T> {
  return MessageContext.run({ trace: newTrace(), actor, module: 'gateway', deadline }, call);
}
