import { ModuleName } from '@app/contracts';
import { ErrorCode, NatsError } from 'nats';
import { EnvelopeMeta } from '../../envelope/envelope';
import { EnvelopeSigner } from '../../envelope/envelope-signer';
import { ModuleCallError } from '../../errors/module-call.error';
import { ModuleClient } from '../module-client';
import { BusUnreachableError, NatsBusConnection } from './nats-bus-connection';
import { NoRespondersError, ReplyTimeoutError } from './nats-reply-inbox';
import { subjectOf } from './nats-subjects';
import { encodeJson, readReply } from './nats-wire';

/**
 * Calls one module over a bus: the signed envelope goes to the module's subject as a request
 * whose timeout is the envelope's deadline; one process of the module's queue group answers.
 */
export class NatsModuleClient implements ModuleClient {
  constructor(
    private readonly bus: NatsBusConnection,
    private readonly module: ModuleName,
    private readonly signer: EnvelopeSigner,
  ) {}

  async call(meta: EnvelopeMeta, payload: object, waitMs: number): Promise<unknown> {
    const message = encodeJson(this.signer.seal(meta, payload));
    const reply = await this.bus.request(subjectOf(this.module, meta.pattern), message, waitMs).catch((error: unknown) => {
      throw this.failure(error, meta.pattern, waitMs);
    });
    return readReply(reply);
  }

  /** What a caller sees when no answer came: the same codes as over TCP, sooner where the bus knows. */
  private failure(error: unknown, pattern: string, waitMs: number): ModuleCallError {
    const target = `module "${this.module}"`;
    if (error instanceof BusUnreachableError) return ModuleCallError.unavailable(target, error.message);
    if (error instanceof NoRespondersError) return ModuleCallError.unavailable(target, `no process of it is on bus "${this.bus.bus}"`);
    if (error instanceof ReplyTimeoutError) return ModuleCallError.deadlineExceeded(pattern, waitMs);
    const code = error instanceof NatsError ? error.code : undefined;
    if (code === ErrorCode.MaxPayloadExceeded) {
      return new ModuleCallError({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: `${pattern} is larger than the bus's max_payload` });
    }
    return ModuleCallError.unavailable(target, (error as Error).message);
  }

  /** Nothing of its own to close: the bus connection is shared, and the transport closes it. */
  close(): void {}
}
