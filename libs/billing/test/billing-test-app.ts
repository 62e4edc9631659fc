import { BillingClient, GATEWAY } from '@app/contracts';
import { MessageContext, newTrace } from '@app/platform';
import { startModuleTestApp } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BillingModule } from '../src';

/** Billing alone in one process, called as the gateway would, through BillingClient. */
export async function startBilling(
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; billing: BillingClient; close(): Promise<void> }> {
  const started = await startModuleTestApp({ modules: ['billing'], imports: [BillingModule], callers: { gateway: [BillingClient] }, env });
  return { app: started.app, billing: started.client(GATEWAY, BillingClient), close: started.close };
}

export const newUser = (roles = ['user']) => ({ kind: 'user' as const, id: randomUUID(), roles });

/** Runs a call as the given user, the way the gateway's context would. */
export function as<T>(actor: ReturnType<typeof newUser>, call: () => Promise<T>, deadline?: number): Promise<T> {
  return MessageContext.run({ trace: newTrace(), actor, module: 'gateway', deadline }, call);
}
