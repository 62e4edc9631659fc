import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_GRAPH_DOC, renderModuleGraph } from '../../test/architecture/module-graph';

/** docs/module-graph.md, as `UPDATE_DOCS=1` on the module graph spec writes it. */
writeFileSync(join(__dirname, '..', '..', 'docs', 'module-graph.md'), MODULE_GRAPH_DOC(renderModuleGraph()));
