import { ServerTCP } from '@nestjs/microservices';
import { Socket } from 'node:net';
import { from } from 'rxjs';
import { Endpoint } from '../../config/topology';
import { EnvelopeGate } from '../../envelope/envelope-gate';
import { toModuleError } from '../../errors/to-module-error';
import { CallServer } from '../transport';
import { CorkedJsonSocket } from './corked-json-socket';
import { tcpOptions } from './tcp-options';
import { BufferBudget, LimitBreaches, TcpLimits } from './transport-limits';

/**
 * Nest's TCP server with one handler per pattern this process answers, each going through the
 * envelope gate to the compiled handler. Patterns are plain strings: looked up, not parsed.
 * The listener enforces the transport limits (ADR 0021); `breaches` counts the connections closed.
 */
export class TcpCallServer extends ServerTCP implements CallServer {
  readonly breaches: LimitBreaches;
  private readonly budget: BufferBudget;

  constructor(
    endpoint: Endpoint,
    private readonly gate: EnvelopeGate,
    private readonly limits: TcpLimits,
  ) {
    super(tcpOptions(endpoint));
    this.breaches = new LimitBreaches();
    this.budget = new BufferBudget(limits.maxTotalBufferedBytes);
    const server = this.server;
    server.maxConnections = limits.maxConnections;
    server.on('drop', () => this.breaches.record('too-many-connections'));
  }

  /** Characters currently held in unfinished frames across this listener's connections. */
  get bufferedBytes(): number {
    return this.budget.inUse;
  }

  protected override getSocketInstance(socket: Socket): CorkedJsonSocket {
    const json = new CorkedJsonSocket(socket, { limits: this.limits, budget: this.budget, breaches: this.breaches });
    socket.setTimeout(this.limits.idleTimeoutMs, () => json.breach('idle'));
    return json;
  }

  /** Listens on the endpoint; rejects with the listen error (an address in use, say). */
  start(): Promise<void> {
    return new Promise<void>((resolve, reject) =>
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what net.Server's listen reported
      this.listen((error?: unknown) => (error ? reject(error) : resolve())),
    );
  }

  limitBreaches(): Record<string, number> {
    return this.breaches.snapshot();
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

  override close(): void {
    super.close();
    this.breaches.close();
  }

  override getHandlerByPattern(pattern: string) {
    return this.messageHandlers.get(pattern) ?? null;
  }
}
