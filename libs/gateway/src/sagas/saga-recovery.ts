import { SYSTEM_ACTOR } from '@app/contracts';
import { MessageContext, newTrace } from '@app/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SIGNUP_SAGA, SignupSaga } from '../signup/signup.saga';
import { SAGA_CONFIG, SagaConfig } from './saga.config';
import { SagaLog } from './saga-log';
import { SagaInstance } from './saga-instance.entity';

/**
 * Finishes what a lost orchestrator left: at start and every `SAGA_RECOVERY_INTERVAL_MS`, takes
 * over unfinished instances whose lease ran out and drives them to a final state. A `running`
 * instance is compensated (presumed abort: its caller got no answer, and billing's commit may or
 * may not have happened — undoing is the one move that is right in both cases); a `compensating`
 * one is compensated again (every compensation is idempotent).
 */
@Injectable()
export class SagaRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SagaRecovery');
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;

  constructor(
    private readonly log: SagaLog,
    private readonly signup: SignupSaga,
    @Inject(SAGA_CONFIG) private readonly config: SagaConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.recoveryIntervalMs === 0) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.config.recoveryIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  /** One pass; a pass still running is not doubled. Resolves with how many instances were taken over. */
  runOnce(): Promise<void> {
    this.pass ??= this.recover()
      .catch((error: unknown) => this.logger.error(`recovery pass failed: ${(error as Error).message}`))
      .finally(() => (this.pass = undefined));
    return this.pass;
  }

  private async recover(): Promise<void> {
    const instances = await this.log.claimAbandoned();
    for (const instance of instances) await this.resume(instance);
  }

  private async resume(instance: SagaInstance): Promise<void> {
    if (instance.type !== SIGNUP_SAGA) {
      this.logger.error(`saga ${instance.id} is of an unknown type "${instance.type}"`);
      return this.log.release(instance, `no saga of type ${instance.type} is known here`, this.config.leaseMs);
    }
    const context = { trace: newTrace(), actor: SYSTEM_ACTOR, module: 'gateway' };
    this.logger.warn(`resuming ${instance.type} saga ${instance.id} (${instance.state} at ${instance.step}, attempt ${instance.attempts})`);
    const failure =
      instance.state === 'running'
        ? new Error(`the orchestrator was lost at step ${instance.step}; presumed abort`)
        : new Error(instance.lastError ?? 'compensation resumed');
    return MessageContext.run(context, () => this.signup.compensate(instance, failure));
  }
}
