import { CustomTransportStrategy, ReadPacket, Server, WritePacket } from '@nestjs/microservices';
import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';
import { InProcessBroker } from './in-process.broker';
import { InProcessContext } from './in-process.context';

type PacketWithId = ReadPacket & { id?: string };

/**
 * The server side of the in-process transport. Nest registers every @MessagePattern handler of
 * this process on it, wrapped in the same guards, pipes, interceptors and filters as for TCP.
 */
export class InProcessServer extends Server implements CustomTransportStrategy {
  constructor(private readonly broker: InProcessBroker) {
    super();
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  listen(callback: () => void): void {
    this.broker.attach((wirePacket, respond) => void this.handleMessage(wirePacket, respond));
    callback();
  }

  close(): void {
    this.broker.detach();
  }

  on(): void {
    throw new Error('the in-process transport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.broker as T;
  }

  private async handleMessage(wirePacket: string, respond: (wireResponse: string) => void) {
    const packet = JSON.parse(wirePacket) as PacketWithId;
    const pattern = this.getPatternAsString(packet.pattern);
    const context = new InProcessContext([pattern]);
    const id = packet.id;
    if (id === undefined) {
      await this.handleEvent(pattern, packet, context);
      return;
    }
    const reply = (data: WritePacket) => respond(JSON.stringify(this.serializer.serialize({ ...data, id })));
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return reply({ err: NO_MESSAGE_HANDLER, isDisposed: true });
    const response$ = this.transformToObservable(await handler(packet.data, context));
    this.send(response$, reply);
  }
}
