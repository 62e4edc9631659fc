import { ModuleErrorBody } from '@app/contracts';

/**
 * A call to another module failed. Carries the wire shape so the gateway can answer with the
 * same status and code whichever topology produced it.
 */
export class ModuleCallError extends Error {
  constructor(readonly body: ModuleErrorBody) {
    super(body.message);
    this.name = 'ModuleCallError';
  }

  get status(): number {
    return this.body.status;
  }

  get code(): string {
    return this.body.code;
  }

  static unavailable(target: string, reason: string): ModuleCallError {
    return new ModuleCallError({ status: 503, code: 'MODULE_UNAVAILABLE', message: `${target} is unavailable: ${reason}` });
  }

  /** The target is shutting down gracefully (ADR 0017): retry shortly, elsewhere or after its restart. */
  static draining(target: string): ModuleCallError {
    return new ModuleCallError({ status: 503, code: 'MODULE_DRAINING', message: `${target} is shutting down; retry shortly` });
  }

  /** The handler acts for a signed-in user and the message's actor is `system` or `anonymous`. */
  static authenticationRequired(pattern: string): ModuleCallError {
    return new ModuleCallError({ status: 401, code: 'AUTHENTICATION_REQUIRED', message: `${pattern} acts for a signed-in user` });
  }

  static deadlineExceeded(pattern: string, waitedMs: number): ModuleCallError {
    return new ModuleCallError({ status: 504, code: 'DEADLINE_EXCEEDED', message: `${pattern} did not answer within ${waitedMs} ms` });
  }
}
