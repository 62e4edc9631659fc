import { ClientTCP } from '@nestjs/microservices';
import { Subscription } from 'rxjs';
import { Endpoint } from '../../config/topology';
import { EnvelopeMeta } from '../../envelope/envelope';
import { EnvelopeSigner } from '../../envelope/envelope-signer';
import { ModuleClient } from '../module-client';
import { withinDeadline } from '../within-deadline';
import { tcpOptions } from './tcp-options';

/** Calls another process over Nest's TCP transport: the message leaves in a signed envelope. */
export class TcpProcessClient implements ModuleClient {
  private readonly client: ClientTCP;

  constructor(
    endpoint: Endpoint,
    private readonly signer: EnvelopeSigner,
  ) {
    this.client = new ClientTCP(tcpOptions(endpoint));
  }

  call(meta: EnvelopeMeta, payload: object, waitMs: number): Promise<unknown> {
    const envelope = this.signer.seal(meta, payload);
    let subscription: Subscription | undefined;
    const answer = new Promise<unknown>((resolve, reject) => {
      let last: unknown;
      subscription = this.client.send<unknown>(meta.pattern, envelope).subscribe({
        next: (value) => (last = value),
        error: reject,
        complete: () => resolve(last),
      });
    });
    return withinDeadline(answer, waitMs, meta.pattern, () => subscription?.unsubscribe());
  }

  close(): void {
    this.client.close();
  }
}
