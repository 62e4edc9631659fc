import { HandlerTable } from '../../messaging/handler-table';
import { ModuleClient } from '../module-client';
import { Transport } from '../transport';
import { LocalProcessClient } from './local-process.client';

/** The modules of this process: their compiled handlers run directly (ADR 0014). Nothing listens. */
export class InProcessTransport implements Transport<{ transport: 'in-process' }> {
  private readonly local: LocalProcessClient;

  constructor(handlers: HandlerTable) {
    this.local = new LocalProcessClient(handlers);
  }

  client(): ModuleClient {
    return this.local;
  }

  async close(): Promise<void> {}
}
