import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_GRAPH_DOC, renderModuleGraph } from './module-graph';

const DOC = join(__dirname, '..', '..', 'docs', 'module-graph.md');

describe('the module graph in docs/module-graph.md', () => {
  it('is the one the contracts declare (UPDATE_DOCS=1 rewrites it)', () => {
    const expected = MODULE_GRAPH_DOC(renderModuleGraph());
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });

  it('shows every event a subscriber depends on', () => {
    const graph = renderModuleGraph();
    expect(graph).toContain('billing -.->|invoice.paid, payment.failed, invoice.refunded| notification');
    expect(graph).toContain('auth -.->|user.registered, registration.cancelled| notification');
  });
});
