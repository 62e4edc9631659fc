import { Logger } from '@nestjs/common';
import { EnvelopeMeta } from '../envelope/envelope';
import { logRecord } from '../logging/log-record';
import { isLogged } from '../logging/written-levels';
import { Metrics } from '../metrics/metrics';

/** Records the outcome of one message: `ok` or the error code it was answered with. */
export type RecordOutcome = (meta: EnvelopeMeta, startedAt: number, outcome: string) => void;

/**
 * What every message a handler serves leaves behind, in every topology: one count by caller and
 * outcome, one duration, and (at `LOG_LEVEL=log`) one line with trace ID, module, pattern,
 * outcome and duration (not even built below that level). Built once per handler, so the pattern's label is bound once.
 */
export function outcomeRecorder(pattern: string, metrics: Metrics, logger: Logger): RecordOutcome {
  const seconds = metrics.messageSeconds.labels({ pattern });
  const counters = new Map<string, ReturnType<Metrics['messagesHandled']['labels']>>();
  return (meta, startedAt, outcome) => {
    const durationMs = performance.now() - startedAt;
    seconds.observe(durationMs / 1000);
    const key = `${meta.caller}\u0000${outcome}`;
    let counter = counters.get(key);
    if (!counter) counters.set(key, (counter = metrics.messagesHandled.labels({ pattern, caller: meta.caller, outcome })));
    counter.inc();
    if (!isLogged('log')) return;
    const rounded = Math.round(durationMs * 10) / 10;
    logger.log(
      logRecord(`${pattern} from ${meta.caller} → ${outcome} in ${rounded} ms`, {
        pattern,
        caller: meta.caller,
        outcome,
        durationMs: rounded,
      }),
    );
  };
}
