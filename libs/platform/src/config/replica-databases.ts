import { GATEWAY } from '@app/contracts';
import { ConfigurationError } from './configuration.error';
import { PlatformConfig } from './platform-config';
import { Topology } from './topology';

/**
 * Replicas of one process share each hosted module's database (ADR 0028), and replicas of the
 * process serving HTTP share the gateway's saga log (ADR 0030). A SQLite file belongs to one
 * process, so a replicated process refuses to start unless each of those databases is on PostgreSQL.
 */
export function checkReplicaDatabases(topology: Topology, config: PlatformConfig): void {
  const replicas = topology.replicasOf(topology.processName);
  if (replicas === 1) return;
  const owners: string[] = [...topology.hostedModules, ...(topology.self.http ? [GATEWAY] : [])];
  const onSqlite = owners.filter((owner) => !config.databaseUrls[owner]);
  if (onSqlite.length === 0) return;
  throw new ConfigurationError(
    'environment',
    onSqlite.map(
      (owner) =>
        `${owner.toUpperCase()}_DATABASE_URL must be set: processes.${topology.processName}.replicas is ${replicas} in topology ${topology.name}, ` +
        `and ${owner}'s replicas must share one PostgreSQL database (a SQLite file belongs to one process)`,
    ),
  );
}
