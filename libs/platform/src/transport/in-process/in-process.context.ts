import { BaseRpcContext } from '@nestjs/microservices';

/** The context handlers see for an in-process message: only its pattern. */
export class InProcessContext extends BaseRpcContext<[string]> {
  getPattern(): string {
    return this.args[0];
  }
}
