import { ANONYMOUS_ACTOR, isModuleName, ownerOf, PlatformEvents, RefusalReason } from '@app/contracts';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { MessageContext } from '../context/message-context';
import { newTrace, parseTraceparent } from '../context/trace-context';
import { RefusalError } from '../errors/refusal.error';
import { Metrics } from '../metrics/metrics';
import { HostedPublisher, HostedPublishers } from '../events/hosted-publishers';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Refusals whose sender proved nothing: anyone who can reach the port can cause them (ADR 0021). */
const UNAUTHENTICATED: ReadonlySet<RefusalReason> = new Set<RefusalReason>(['bad-signature', 'bad-envelope']);

/** Distinct claimed callers tracked in one window; the rest are summed under one source. */
const MAX_SOURCES_PER_WINDOW = 100;
const OTHER_SOURCES = '(other sources)';

interface Aggregate {
  module: HostedPublisher;
  pattern: string;
  reason: RefusalReason;
  claimedCaller: string;
  detail: string;
  count: number;
  windowStart: number;
}

/**
 * Stamps a refusal into the audit log: a `platform.message.refused.v1` event written to the
 * outbox of the refusing module (or of any module of this process for kernel patterns).
 * `claimedMeta` is whatever the sender put in the envelope's meta: it is only trusted as a claim.
 *
 * A refusal of an authenticated message (valid signature, caller or role not allowed) is stamped
 * one by one. An unauthenticated one (bad signature, not an envelope) is stamped at once the first
 * time a claimed caller is seen in a window; the ones after it in that window become one entry with
 * their `count`, written when the window ends — at most two entries per claimed source per window.
 */
@Injectable()
export class RefusalRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Refusal');
  private readonly windowMs: number;
  private readonly seen = new Map<string, Aggregate | null>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly hosted: HostedPublishers,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly metrics: Metrics,
  ) {
    this.windowMs = config.refusalAuditWindowMs;
  }

  async record(pattern: string, refusal: RefusalError, claimedMeta: unknown): Promise<void> {
    const meta = isRecord(claimedMeta) ? claimedMeta : {};
    const module = this.refusingModule(pattern, meta.callee);
    const claimedCaller = (typeof meta.caller === 'string' ? meta.caller : 'unknown').slice(0, 200);
    this.metrics.refusals.inc({ module: module?.name ?? 'none', reason: refusal.reason });
    if (UNAUTHENTICATED.has(refusal.reason) && this.aggregated(module, pattern, refusal, claimedCaller)) return;
    this.logger.warn(`refused ${pattern} from "${claimedCaller}": ${refusal.message}`);
    if (!module) return;
    const trustsActor = !UNAUTHENTICATED.has(refusal.reason);
    const context = {
      trace: parseTraceparent(typeof meta.traceparent === 'string' ? meta.traceparent : undefined) ?? newTrace(),
      actor: trustsActor && isRecord(meta.actor) ? (meta.actor as never) : ANONYMOUS_ACTOR,
      module: module.name,
    };
    await MessageContext.run(context, () =>
      module.publisher.publishAlone(PlatformEvents.messageRefused, {
        pattern,
        reason: refusal.reason,
        claimedCaller,
        detail: refusal.message.slice(0, 500),
      }),
    );
  }

  /** The owner of a module pattern if hosted here, else the (claimed) callee if hosted here, else any module of this process. */
  private refusingModule(pattern: string, claimedCallee: unknown): HostedPublisher | undefined {
    const owner = ownerOf(pattern);
    if (isModuleName(owner) && this.hosted.get(owner)) return this.hosted.get(owner);
    if (typeof claimedCallee === 'string' && isModuleName(claimedCallee) && this.hosted.get(claimedCallee))
      return this.hosted.get(claimedCallee);
    return this.hosted.all()[0];
  }

  /** True when this refusal was folded into its window's aggregate instead of being stamped now. */
  private aggregated(module: HostedPublisher | undefined, pattern: string, refusal: RefusalError, claimedCaller: string): boolean {
    if (!module) return false;
    if (this.seen.size === 0) {
      this.timer = setTimeout(() => void this.flush(), this.windowMs);
      this.timer.unref();
    }
    let source = claimedCaller;
    if (!this.seen.has(source)) {
      if (this.seen.size < MAX_SOURCES_PER_WINDOW) {
        this.seen.set(source, null);
        return false;
      }
      source = OTHER_SOURCES;
    }
    const aggregate = this.seen.get(source);
    if (aggregate) aggregate.count++;
    else {
      this.seen.set(source, {
        module,
        pattern,
        reason: refusal.reason,
        claimedCaller: source,
        detail: refusal.message.slice(0, 500),
        count: 1,
        windowStart: Date.now(),
      });
    }
    return true;
  }

  /** Writes one entry per claimed source for the refusals folded in the window that ended. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const aggregates = [...this.seen.values()].filter((aggregate): aggregate is Aggregate => aggregate !== null);
    this.seen.clear();
    const windowEnd = new Date().toISOString();
    for (const aggregate of aggregates) {
      const { module, pattern, reason, claimedCaller, detail, count } = aggregate;
      this.logger.warn(`refused ${count} more unauthenticated messages from "${claimedCaller}" (first: ${pattern}, ${reason})`);
      const context = { trace: newTrace(), actor: ANONYMOUS_ACTOR, module: module.name };
      try {
        await MessageContext.run(context, () =>
          module.publisher.publishAlone(PlatformEvents.messageRefused, {
            pattern,
            reason,
            claimedCaller,
            detail: `${count} refusals like: ${detail}`.slice(0, 500),
            count,
            windowStart: new Date(aggregate.windowStart).toISOString(),
            windowEnd,
          }),
        );
      } catch (error) {
        this.logger.error(`could not audit ${count} refusals from "${claimedCaller}": ${String(error)}`);
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
