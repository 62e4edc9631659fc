import { ConfigurationError } from './configuration.error';
import { PlatformConfig } from './platform-config';
import { Topology } from './topology';

/**
 * Replicas of one process share each hosted module's database (ADR 0028). A SQLite file belongs to
 * one process, so a replicated process refuses to start unless every module it hosts is on PostgreSQL.
 */
export function checkReplicaDatabases(topology: Topology, config: PlatformConfig): void {
  const replicas = topology.replicasOf(topology.processName);
  if (replicas === 1) return;
  const onSqlite = topology.hostedModules.filter((module) => !config.databaseUrls[module]);
  if (onSqlite.length === 0) return;
  throw new ConfigurationError(
    'environment',
    onSqlite.map(
      (module) =>
        `${module.toUpperCase()}_DATABASE_URL must be set: processes.${topology.processName}.replicas is ${replicas} in topology ${topology.name}, ` +
        `and ${module}'s replicas must share one PostgreSQL database (a SQLite file belongs to one process)`,
    ),
  );
}
