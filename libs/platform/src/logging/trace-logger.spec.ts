import { newTrace } from '../context/trace-context';
import { MessageContext } from '../context/message-context';
import { LOG_OUTPUT, LogOutput } from './log-output';
import { logRecord } from './log-record';
import { readLogSettings } from './log-settings';
import { TraceLogger } from './trace-logger';

function captureStdout(work: () => void): string {
  const write = process.stdout.write;
  let written = '';
  process.stdout.write = (chunk: string) => {
    written += chunk;
    return true;
  };
  try {
    work();
    LOG_OUTPUT.flush();
  } finally {
    process.stdout.write = write;
  }
  return written;
}

describe('log settings', () => {
  it('default to text at level log, without colours off a terminal', () => {
    expect(readLogSettings({}, false)).toEqual({ format: 'text', levels: ['fatal', 'error', 'warn', 'log'], colors: false });
    expect(readLogSettings({}, true).colors).toBe(true);
    expect(readLogSettings({ NO_COLOR: '1' }, true).colors).toBe(false);
    expect(readLogSettings({ LOG_FORMAT: 'json' }, true).colors).toBe(false);
  });

  it('refuse an unknown format or level, naming the variable and the choices', () => {
    expect(() => readLogSettings({ LOG_FORMAT: 'xml', LOG_LEVEL: 'loud' }, false)).toThrow(
      /LOG_FORMAT must be one of text, json \(got "xml"\)[\s\S]*LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose \(got "loud"\)/,
    );
  });
});

describe('TraceLogger', () => {
  const json = new TraceLogger('billing', readLogSettings({ LOG_FORMAT: 'json', LOG_LEVEL: 'warn' }, false));

  it('writes one JSON object per line with process, trace ID, module and the fields of a record', () => {
    const trace = newTrace();
    const out = captureStdout(() =>
      MessageContext.run({ trace, actor: { kind: 'system' }, module: 'billing' }, () =>
        json.warn(logRecord('POST /x → 503 in 2 ms', { status: 503, durationMs: 2 }), 'Http'),
      ),
    );
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'warn',
      message: 'POST /x → 503 in 2 ms',
      context: 'Http',
      process: 'billing',
      traceId: trace.traceId,
      module: 'billing',
      status: 503,
      durationMs: 2,
    });
  });

  it('writes nothing below its level', () => {
    expect(captureStdout(() => json.log('not shown'))).toBe('');
  });

  it('shows only the message of a record in text, with no colour codes off a terminal', () => {
    const text = new TraceLogger('main', readLogSettings({}, false));
    const out = captureStdout(() => text.log(logRecord('GET /health → 200 in 1 ms', { status: 200 }), 'Http'));
    expect(out).toContain('GET /health → 200 in 1 ms');
    expect(out).not.toContain('status');
    expect(out).not.toMatch(/\x1b\[/); // eslint-disable-line no-control-regex
  });
});

describe('LogOutput', () => {
  const streams = () => {
    const writes: string[] = [];
    const stream = (name: string) => ({ write: (text: string) => writes.push(`${name}:${text}`) > 0 });
    return { writes, output: new LogOutput(stream('out'), stream('err')) };
  };

  it('joins the lines of one turn of the event loop into one write to stdout, in order', async () => {
    const { writes, output } = streams();
    output.write('a\n');
    output.write('b\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['out:a\nb\n']);
  });

  it('writes what waits for stdout before a line for stderr, so the two keep their order', () => {
    const { writes, output } = streams();
    output.write('before\n');
    output.write('failed\n', true);
    expect(writes).toEqual(['out:before\n', 'err:failed\n']);
  });

  it('does not hold more than 64 KB: a large batch is written at once', () => {
    const { writes, output } = streams();
    output.write('x'.repeat(64 * 1024));
    expect(writes).toHaveLength(1);
  });
});
