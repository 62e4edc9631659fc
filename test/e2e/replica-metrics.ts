import { SystemUnderTest } from '../support/system-under-test';

const SUBSCRIBE_HANDLED =
  /archipelago_messages_handled_total\{pattern="billing\.subscription\.create\.v1",caller="[^"]+",outcome="ok",process="billing",instance="(billing#\d+)"\} (\d+)/g;

/**
 * How many subscriptions each running billing replica has created, from `GET /metrics`' `instance`
 * label (`billing#<pid>`, ADR 0028). A scrape reaches one replica (the queue group picks), so it
 * scrapes until each of `instances` has answered, at most `scrapes` times; a replica that never
 * answered is missing from the map. Counters live in the process: a killed replica's are gone.
 */
export async function subscriptionsPerReplica(system: SystemUnderTest, instances: string[], scrapes = 40): Promise<Map<string, number>> {
  const handled = new Map<string, number>();
  for (let scrape = 0; scrape < scrapes && !instances.every((instance) => handled.has(instance)); scrape++) {
    const text = await (await fetch(`${system.baseUrl}/metrics`)).text();
    for (const [, instance, count] of text.matchAll(SUBSCRIBE_HANDLED)) handled.set(instance, Number(count));
  }
  return handled;
}

/** The `instance` label a running replica's metrics carry. */
export const instanceOf = (system: SystemUnderTest, name: string): string => `${name.split('#')[0]}#${system.process(name).pid}`;
