import { ALL_EVENTS, EVENT_CATALOG, EVENT_SUBSCRIPTIONS, MODULE_CONTRACTS, MODULE_NAMES, ownerOf } from '@app/contracts';

/**
 * The module graph as the contracts declare it, as a Mermaid diagram: who answers which calls
 * (the gateway calls them), and which events flow from which module to which subscriber.
 */
export function renderModuleGraph(): string {
  const lines = ['```mermaid', 'flowchart LR', '  gateway([gateway: HTTP edge])'];
  for (const module of MODULE_NAMES) {
    lines.push(`  ${module}[${module}: ${MODULE_CONTRACTS[module].length} calls]`);
    lines.push(`  gateway -->|calls| ${module}`);
  }
  for (const subscriber of MODULE_NAMES) {
    const subscription = EVENT_SUBSCRIPTIONS[subscriber];
    const patterns = subscription === ALL_EVENTS ? [...EVENT_CATALOG.keys()] : subscription.map((event) => event.pattern);
    const bySource = new Map<string, string[]>();
    for (const pattern of patterns) bySource.set(ownerOf(pattern), [...(bySource.get(ownerOf(pattern)) ?? []), pattern]);
    for (const [source, events] of [...bySource].sort()) {
      const label =
        subscription === ALL_EVENTS ? 'every event' : events.map((pattern) => pattern.split('.').slice(1, -1).join('.')).join(', ');
      const from = source === 'platform' ? 'kernel((kernel stamps))' : source;
      lines.push(`  ${from} -.->|${label}| ${subscriber}`);
    }
  }
  lines.push('```');
  return lines.join('\n');
}

export const MODULE_GRAPH_DOC = (graph: string) =>
  `# Module graph\n\nGenerated from \`libs/contracts\` by \`test/architecture/module-graph.spec.ts\`; the test fails when this\nfile is out of date (\`UPDATE_DOCS=1 npm run test:unit\` rewrites it). Solid: calls. Dotted: events.\n\n${graph}\n`;
