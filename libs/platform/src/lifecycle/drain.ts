import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { ModuleCallError } from '../errors/module-call.error';

/**
 * Graceful drain (ADR 0017). Counts the work in flight in this process — every handled message
 * and every HTTP request — and, once shutdown has begun (SIGTERM), refuses new work arriving from
 * outside with a retryable 503 `MODULE_DRAINING` while it waits, up to `SHUTDOWN_GRACE_MS`, for
 * the work in flight to finish. Shutdown runs `onModuleDestroy` first, so nothing is closed yet.
 */
@Injectable()
export class Drain implements OnModuleDestroy {
  private readonly logger = new Logger('Drain');
  private inFlight = 0;
  private draining = false;
  private wakeWhenIdle?: () => void;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(Topology) private readonly topology: Topology,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** The error new work from outside gets once the drain has begun. */
  drainingError(): ModuleCallError {
    return ModuleCallError.draining(`process "${this.topology.processName}"`);
  }

  /** Counts one unit of work as in flight; the returned function (idempotent) ends it. */
  enter(): () => void {
    this.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.inFlight === 0) this.wakeWhenIdle?.();
    };
  }

  /** Runs `work`, counted as in flight until it settles. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    const end = this.enter();
    try {
      return await work();
    } finally {
      end();
    }
  }

  /** The first step of shutdown: refuse new work, then wait for the work in flight (bounded). */
  async onModuleDestroy(): Promise<void> {
    this.draining = true;
    const graceMs = this.config.shutdownGraceMs;
    this.logger.log(`draining: ${this.inFlight} in flight, waiting up to ${graceMs} ms`);
    const idle = await this.idleWithin(graceMs);
    if (idle) this.logger.log('drained: nothing in flight');
    else this.logger.warn(`grace period of ${graceMs} ms over with ${this.inFlight} still in flight; closing anyway`);
  }

  private idleWithin(graceMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.wakeWhenIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
