import { ServerTCP } from '@nestjs/microservices';
import { from } from 'rxjs';
import { Endpoint } from '../../config/topology';
import { EnvelopeGate } from '../../envelope/envelope-gate';
import { toModuleError } from '../../errors/to-module-error';
import { tcpOptions } from './tcp-options';

/**
 * Nest's TCP server with one handler per pattern this process answers, each going through the
 * envelope gate to the compiled handler. Patterns are plain strings: looked up, not parsed.
 */
export class TcpCallServer extends ServerTCP {
  constructor(
    endpoint: Endpoint,
    private readonly gate: EnvelopeGate,
  ) {
    super(tcpOptions(endpoint));
  }

  override listen(callback: (error?: unknown) => void): void {
    for (const pattern of this.gate.patterns()) {
      this.addHandler(pattern, (message: unknown) => Promise.resolve(from(this.answer(pattern, message))));
    }
    super.listen(callback);
  }

  /** On the wire an error travels as its body, `{ status, code, message, fields? }`. */
  private answer(pattern: string, message: unknown): Promise<unknown> {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the body is what crosses
    return this.gate.receive(pattern, message).catch((error: unknown) => Promise.reject(toModuleError(error)));
  }

  /**
   * The first step of a drain (ADR 0017): no new connections; the open ones stay, so the messages
   * in flight on them are answered (new ones are refused by the gate) until `close()`.
   */
  stopAccepting(): void {
    this.server.close();
  }

  override getHandlerByPattern(pattern: string) {
    return this.messageHandlers.get(pattern) ?? null;
  }
}
