import { AuthClient, GATEWAY } from '@app/contracts';
import { startModuleTestApp } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from '../../src';
import { RecordedEvents, RecordingSubscriberModule } from './recording-subscriber.module';

export { failureOf } from '@app/testing';

export interface AuthTestApp {
  app: INestApplication;
  dataDir: string;
  jwtSecret: string;
  /** AuthClient calling as the gateway (allowed everywhere). */
  gateway: AuthClient;
  /** AuthClient calling as billing (allowed to verify tokens only). */
  billing: AuthClient;
  events: RecordedEvents;
  close(): Promise<void>;
}

/** auth (and a recording subscriber in audit's place) in one process, on the in-process transport. */
export async function startAuthTestApp(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'archipelago-auth-')),
): Promise<AuthTestApp> {
  const started = await startModuleTestApp({
    modules: ['auth', 'audit'],
    imports: [AuthModule, RecordingSubscriberModule],
    callers: { gateway: [AuthClient], billing: [AuthClient] },
    env: { ...env, DATA_DIR: dataDir },
  });
  return {
    app: started.app,
    dataDir,
    jwtSecret: started.config.jwtSecret,
    gateway: started.client(GATEWAY, AuthClient),
    billing: started.client('billing', AuthClient),
    events: started.app.get(RecordedEvents),
    close: started.close,
  };
}

/** Closes the app and removes its SQLite files. */
export async function stopAuthTestApp(auth: AuthTestApp | undefined): Promise<void> {
  await auth?.close();
}
