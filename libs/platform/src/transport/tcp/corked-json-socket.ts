import { JsonSocket } from '@nestjs/microservices';
import { Socket } from 'node:net';

/** Largest message a TCP peer may send us before the socket is dropped (see JsonSocket). */
export const TCP_MAX_BUFFER_BYTES = 1024 * 1024;

/**
 * Nest's `len#json` framing, with the messages written in one turn of the event loop sent
 * together: the socket is corked at the first write and uncorked on the next tick, so sixteen
 * concurrent calls (or their answers) cost one `writev` instead of sixteen writes.
 */
export class CorkedJsonSocket extends JsonSocket {
  private corked = false;

  constructor(socket: Socket) {
    super(socket, { maxBufferSize: TCP_MAX_BUFFER_BYTES });
  }

  protected override handleSend(message: unknown, callback?: (error?: unknown) => void): void {
    if (!this.corked) {
      this.corked = true;
      this.netSocket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.netSocket.uncork();
      });
    }
    super.handleSend(message, callback);
  }
}
