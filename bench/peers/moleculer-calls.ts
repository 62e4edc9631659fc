/**
 * Peers: Moleculer 0.14 with its validator on (a params schema). `tcp`: two brokers joined by the
 * TCP transporter on 127.0.0.1 (UDP discovery off, static URLs), the caller on one and the service
 * on the other. `local`: one broker calling its own service.
 */
import { ServiceBroker, ServiceSchema } from 'moleculer';
import { CallTarget } from '../cases/call-target';

const USERS: ServiceSchema = {
  name: 'users',
  actions: {
    lookup: {
      params: { id: { type: 'string', min: 1, max: 50 } },
      handler(ctx: { params: { id: string } }) {
        return { id: ctx.params.id, secret: 42 };
      },
    },
  },
};

export class MoleculerCalls implements CallTarget {
  readonly name: string;
  private readonly brokers: ServiceBroker[] = [];
  private caller!: ServiceBroker;

  constructor(
    private readonly mode: 'tcp' | 'local',
    private readonly portBase: number,
  ) {
    this.name = mode === 'tcp' ? 'Moleculer TCP transporter' : 'Moleculer local call';
  }

  async start(): Promise<void> {
    if (this.mode === 'local') {
      const broker = new ServiceBroker({ nodeID: 'local', logger: false, validator: true, metrics: false, tracing: false });
      broker.createService(USERS);
      this.brokers.push(broker);
      this.caller = broker;
    } else {
      const urls = [`127.0.0.1:${this.portBase}/caller`, `127.0.0.1:${this.portBase + 1}/service`];
      const make = (nodeID: string, port: number) =>
        new ServiceBroker({
          nodeID,
          logger: false,
          validator: true,
          metrics: false,
          tracing: false,
          transporter: { type: 'TCP', options: { udpDiscovery: false, port, urls } },
        });
      this.caller = make('caller', this.portBase);
      const service = make('service', this.portBase + 1);
      service.createService(USERS);
      this.brokers.push(service, this.caller);
    }
    for (const broker of this.brokers) await broker.start();
    await this.caller.waitForServices(['users'], 15_000);
  }

  call(): Promise<unknown> {
    return this.caller.call('users.lookup', { id: 'u-1' });
  }

  async stop(): Promise<void> {
    for (const broker of this.brokers.reverse()) await broker.stop();
  }
}
