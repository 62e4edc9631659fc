import { Logger } from '@nestjs/common';
import { Topology } from '../config/topology';
import { EnvelopeMeta } from '../envelope/envelope';
import { readLogSettings } from '../logging/log-settings';
import { TraceLogger } from '../logging/trace-logger';
import { isLogged, setWrittenLevels } from '../logging/written-levels';
import { Metrics } from '../metrics/metrics';
import { outcomeRecorder } from './message-outcomes';

const meta = { caller: 'gateway' } as EnvelopeMeta;

describe('the outcome of a handled message', () => {
  let metrics: Metrics;
  let logger: { log: jest.Mock };

  beforeEach(() => {
    metrics = new Metrics(new Topology('test', { processes: { billing: {} }, modules: {} }, 'billing'));
    logger = { log: jest.fn() };
  });
  afterAll(() => setWrittenLevels(readLogSettings({}, false).levels));

  it('at LOG_LEVEL=log, is one line with pattern, caller, outcome and duration, and one count', async () => {
    new TraceLogger('billing', readLogSettings({}, false));
    expect(isLogged('log')).toBe(true);
    outcomeRecorder('billing.plans.list.v1', metrics, logger as unknown as Logger)(meta, performance.now(), 'ok');
    expect(logger.log).toHaveBeenCalledWith(
      expect.objectContaining({ fields: expect.objectContaining({ pattern: 'billing.plans.list.v1', caller: 'gateway', outcome: 'ok' }) }),
    );
    expect(await metrics.registry.getSingleMetricAsString('archipelago_messages_handled_total')).toMatch(
      /outcome="ok",process="billing"\} 1$/m,
    );
  });

  it('at LOG_LEVEL=warn, is counted but no line is built for the logger to throw away', async () => {
    new TraceLogger('billing', readLogSettings({ LOG_LEVEL: 'warn' }, false));
    expect(isLogged('log')).toBe(false);
    expect(isLogged('warn')).toBe(true);
    outcomeRecorder('billing.plans.list.v1', metrics, logger as unknown as Logger)(meta, performance.now(), 'ok');
    expect(logger.log).not.toHaveBeenCalled();
    expect(await metrics.registry.getSingleMetricAsString('archipelago_messages_handled_total')).toMatch(
      /outcome="ok",process="billing"\} 1$/m,
    );
  });
});
