import { Injectable } from '@nestjs/common';

/** What the broker hands a server: the serialized packet and where to write the answers. */
export type InProcessReceiver = (wirePacket: string, respond: (wireResponse: string) => void) => void;

/**
 * Joins the in-process clients of this process to its in-process server. It passes strings, not
 * objects, so an in-process message is serialized exactly as a TCP one would be.
 */
@Injectable()
export class InProcessBroker {
  private receiver?: InProcessReceiver;

  attach(receiver: InProcessReceiver): void {
    this.receiver = receiver;
  }

  detach(): void {
    this.receiver = undefined;
  }

  get isListening(): boolean {
    return this.receiver !== undefined;
  }

  deliver(wirePacket: string, respond: (wireResponse: string) => void): void {
    if (!this.receiver) throw new Error('the in-process server is not listening');
    this.receiver(wirePacket, respond);
  }
}
