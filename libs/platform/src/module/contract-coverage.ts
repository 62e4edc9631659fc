import { INestApplicationContext } from '@nestjs/common';
import { Topology } from '../config/topology';
import { EventHandlerRegistry } from '../events/event-handler-registry';
import { HandlerTable } from '../messaging/handler-table';

/**
 * The start-up check that this build can serve what the topology places in this process: every
 * call a hosted module publishes has a `@Handles` method, every event it subscribes to a
 * `@HandlesEvent`, and no `@HandlesEvent` waits for an event its module does not subscribe to.
 * Run once the instances exist and before anything serves; one line per mismatch.
 */
export function assertHandlersMatchContracts(app: INestApplicationContext, topology: Topology): void {
  const problems = [
    ...app.get(HandlerTable).missingHandlers(topology.hostedModules),
    ...app.get(EventHandlerRegistry).mismatches(topology.hostedModules),
  ];
  if (problems.length > 0)
    throw new Error(`Handlers do not match the contracts of the modules hosted here:\n  - ${problems.join('\n  - ')}`);
}
