import { TraceSpan } from '@app/contracts';
import { OUTCOME } from '@app/platform';
import { TraceView } from './trace-view';

interface Row {
  span: TraceSpan;
  depth: number;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** Parents before children, siblings by start; a span whose parent is not here (another trace's, or the caller's) is a root. */
function treeOrder(spans: TraceSpan[]): Row[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string | undefined, TraceSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const rows: Row[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.startMicros - b.startMicros)) {
      rows.push({ span, depth });
      visit(span.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  return rows;
}

/** One colour per process, the same on every page. */
function hueOf(process: string): number {
  let hash = 0;
  for (const char of process) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{padding:2px 8px;text-align:left;white-space:nowrap;border-bottom:1px solid #eee}
td.timeline{width:45%;position:relative}.bar{height:12px;border-radius:2px;min-width:2px}
tr.error td{color:#b00020}tr.error .bar{outline:2px solid #b00020}.missing{color:#b00020}code{font-size:13px}`;

function rowHtml({ span, depth }: Row, start: number, total: number): string {
  const left = ((span.startMicros - start) / total) * 100;
  const width = Math.max((span.durationMicros / total) * 100, 0.2);
  const outcome = String(span.attributes[OUTCOME] ?? span.status);
  const parent = span.parentSpanId ? ` data-parent-span-id="${span.parentSpanId}"` : '';
  const title = escapeHtml(
    Object.entries(span.attributes)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join('\n'),
  );
  return (
    `<tr class="span${span.status === 'error' ? ' error' : ''}" data-span-id="${span.spanId}"${parent} title="${title}">` +
    `<td style="padding-left:${8 + depth * 18}px">${escapeHtml(span.name)}</td><td>${escapeHtml(span.process)}</td>` +
    `<td>${escapeHtml(outcome)}</td><td>${(span.durationMicros / 1000).toFixed(2)} ms</td>` +
    `<td class="timeline"><div class="bar" style="margin-left:${left.toFixed(3)}%;width:${width.toFixed(3)}%;background:hsl(${hueOf(span.process)} 55% 55%)"></div></td></tr>`
  );
}

/**
 * The waterfall of one trace as a page that needs nothing else (no script, no stylesheet, no
 * font): one row per span, indented under its parent, with its process, outcome and duration, and
 * a bar placed by its start and as wide as its duration on the trace's time line.
 */
export function renderWaterfall(view: TraceView): string {
  const start = Math.min(...view.spans.map((span) => span.startMicros));
  const end = Math.max(...view.spans.map((span) => span.startMicros + span.durationMicros));
  const total = Math.max(end - start, 1);
  const rows = treeOrder(view.spans).map((row) => rowHtml(row, start, total));
  const missing = view.missing.map(({ process, reason }) => `<li class="missing">${escapeHtml(process)}: ${escapeHtml(reason)}</li>`);
  const summary =
    view.spans.length === 0
      ? 'No process kept a span of this trace (it may be older than the last TRACES_KEPT traces, or not sampled).'
      : `${view.spans.length} spans from ${escapeHtml(view.processes.join(', '))} over ${(total / 1000).toFixed(2)} ms.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trace ${view.traceId}</title><style>${STYLE}</style></head>
<body><h1>Trace <code>${view.traceId}</code></h1><p>${summary}</p>
${missing.length > 0 ? `<p>Processes that did not answer (their spans are missing):</p><ul>${missing.join('')}</ul>` : ''}
<table><thead><tr><th>span</th><th>process</th><th>outcome</th><th>duration</th><th>0 – ${(total / 1000).toFixed(2)} ms</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}
