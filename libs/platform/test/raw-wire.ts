import { ModuleName } from '@app/contracts';
import { ClientTCP } from '@nestjs/microservices';
import { connect, NatsConnection } from 'nats';
import { firstValueFrom } from 'rxjs';
import { subjectOf } from '../src/transport/nats/nats-subjects';

/** Sends what a hostile or replaying peer would, straight onto a wire; answers the reply or the error body. */
export interface RawWire {
  send(module: ModuleName, pattern: string, message: object): Promise<unknown>;
  close(): Promise<void>;
}

/** Nest's TCP framing to a process's listener. */
export function rawTcpWire(port: number): RawWire {
  const client = new ClientTCP({ host: '127.0.0.1', port });
  return {
    send: (_module, pattern, message) => firstValueFrom(client.send(pattern, message)).catch((error: unknown) => error),
    close: () => Promise.resolve(client.close()),
  };
}

/** A request to a module's subject on a NATS bus, read the way the kernel's replies are written. */
export async function rawNatsWire(url: string): Promise<RawWire> {
  const connection: NatsConnection = await connect({ servers: [url] });
  return {
    send: async (module, pattern, message) => {
      const reply = await connection.request(subjectOf(module, pattern), Buffer.from(JSON.stringify(message)), { timeout: 5000 });
      const body = JSON.parse(Buffer.from(reply.data).toString('utf8')) as { ok?: unknown; error?: unknown };
      return body.error ?? body.ok;
    },
    close: () => connection.close(),
  };
}
