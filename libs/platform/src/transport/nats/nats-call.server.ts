import { ModuleName } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { Msg, Subscription } from 'nats';
import { EnvelopeGate } from '../../envelope/envelope-gate';
import { toModuleError } from '../../errors/to-module-error';
import { CallServer } from '../transport';
import { NatsBusConnection } from './nats-bus-connection';
import { isAddressedTo, queueGroupOf, subjectOf } from './nats-subjects';
import { answerReply, decodeMessage, errorReply } from './nats-wire';

/** Subscriptions still draining after this long on shutdown are left to the connection's close. */
const DRAIN_WAIT_MS = 2000;

/**
 * This process's entry on a bus: for each module it hosts, one subscription per pattern the module
 * answers, in the module's queue group. Every message goes through the envelope gate (shape,
 * signature, replay, drain) to the compiled handler, exactly as from a TCP listener.
 */
export class NatsCallServer implements CallServer {
  private readonly logger = new Logger('NatsCallServer');
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: NatsBusConnection,
    private readonly modules: ModuleName[],
    private readonly gate: EnvelopeGate,
  ) {}

  /** Waits for the broker (logged while it is away), subscribes, and returns once the broker has the subscriptions. */
  async start(): Promise<void> {
    const connection = await this.bus.ready();
    for (const module of this.modules) {
      for (const pattern of this.gate.patterns().filter((candidate) => isAddressedTo(module, candidate))) {
        const callback = (error: Error | null, message: Msg) => (error ? this.logger.warn(error.message) : this.answer(pattern, message));
        this.subscriptions.push(connection.subscribe(subjectOf(module, pattern), { queue: queueGroupOf(module), callback }));
      }
    }
    await connection.flush();
  }

  private answer(pattern: string, message: Msg): void {
    if (!message.reply) return; // every call is a request: a message nobody waits for gets no work
    this.gate.receive(pattern, decodeMessage(message.data)).then(
      (value) => this.respond(message, answerReply(value)),
      (error: unknown) => this.respond(message, errorReply(toModuleError(error))),
    );
  }

  private respond(message: Msg, reply: Uint8Array): void {
    try {
      message.respond(reply);
    } catch (error) {
      this.logger.warn(`reply to ${message.subject} lost: ${(error as Error).message}`);
    }
  }

  /**
   * Drain (ADR 0017): unsubscribe, so the broker sends new requests to another process of the
   * module's queue group (or answers "no responders": 503 at the caller); what already reached
   * this process is handled — refused with MODULE_DRAINING by the gate once the drain has begun.
   */
  async stopAccepting(): Promise<void> {
    const drained = Promise.all(this.subscriptions.map((subscription) => subscription.drain().catch(() => undefined)));
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_WAIT_MS).unref())]);
  }

  close(): void {
    for (const subscription of this.subscriptions) if (!subscription.isClosed()) subscription.unsubscribe();
    this.subscriptions.length = 0;
  }
}
