import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { InProcessBroker } from './in-process.broker';

/**
 * A ClientProxy for modules hosted in this process. Like ClientTCP it serializes the packet and
 * parses the answer; unlike it, the bytes never leave the process.
 */
export class InProcessClient extends ClientProxy {
  private readonly unanswered = new Set<string>();

  constructor(private readonly broker: InProcessBroker) {
    super();
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  connect(): Promise<void> {
    return this.broker.isListening ? Promise.resolve() : Promise.reject(new Error('the in-process server is not listening'));
  }

  close(): void {
    this.unanswered.clear();
  }

  unwrap<T>(): T {
    return this.broker as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const message = this.assignPacketId(packet);
    this.unanswered.add(message.id);
    const wirePacket = JSON.stringify(this.serializer.serialize(message));
    this.broker.deliver(wirePacket, (wireResponse) => {
      if (!this.unanswered.has(message.id)) return;
      const response = JSON.parse(wireResponse) as WritePacket;
      if (response.isDisposed || response.err !== undefined) this.unanswered.delete(message.id);
      callback(response);
    });
    return () => this.unanswered.delete(message.id);
  }

  protected dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    const wirePacket = JSON.stringify(this.serializer.serialize(packet));
    this.broker.deliver(wirePacket, () => undefined);
    return Promise.resolve(undefined as T);
  }
}
