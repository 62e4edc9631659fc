import { setUpGateway } from '@app/gateway';
import { Logger } from '@nestjs/common';
import {
  assertHandlersMatchContracts,
  ConfigurationError,
  describeRoute,
  LogSettings,
  PlatformConfig,
  Topology,
  TraceLogger,
} from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';

/**
 * Starts this process as the topology places it: the modules it hosts (their listener for other
 * processes opens with them) and HTTP when it serves the gateway.
 */
export async function startProcess(topology: Topology, config: PlatformConfig, logSettings?: LogSettings): Promise<NestFastifyApplication> {
  const logger = new TraceLogger(topology.processName, logSettings);
  // before the modules are composed: what they log while being set up (key warnings) uses it too
  Logger.overrideLogger(logger);
  const adapter = new FastifyAdapter({ bodyLimit: config.httpBodyLimitBytes });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forProcess(topology, config), adapter, {
    logger,
    // the gateway registers its own JSON parser, which checks depth before parsing (ADR 0020)
    bodyParser: false,
  });
  // SIGTERM drains (ADR 0017): in-flight work finishes, the relay flushes, then exit code 0.
  app.enableShutdownHooks([], { useProcessExit: true });
  assertHandlersMatchContracts(app, topology);
  const http = topology.http;
  if (http) {
    await setUpGateway(app);
    await app.listen(http.port, http.host).catch((error: unknown) => {
      throw portProblem(error, topology, `processes.${topology.processName}.http`, `${http.host}:${http.port}`);
    });
  } else {
    await app.init();
  }
  logger.log(describeStart(topology, config), 'Archipelago');
  warnAboutMisplacedAdmin(topology, config, logger);
  return app;
}

/** ADMIN_* is read only where auth runs: say so instead of ignoring it silently. */
function warnAboutMisplacedAdmin(topology: Topology, config: PlatformConfig, logger: TraceLogger): void {
  if (!config.admin || !topology.isDeployed('auth') || topology.isHostedHere('auth')) return;
  const authProcess = topology.processOf('auth');
  logger.warn(`ADMIN_EMAIL/ADMIN_PASSWORD are ignored here: auth runs in process "${authProcess}"; set them there`, 'Archipelago');
}

function describeStart(topology: Topology, config: PlatformConfig): string {
  const { http } = topology;
  const route = topology.routeOf(topology.processName);
  const parts = [
    `process "${topology.processName}" of topology "${topology.name}" is up`,
    `modules: ${topology.hostedModules.join(', ') || 'none'}`,
    http ? `http://${http.host}:${http.port}` : 'no HTTP',
    route ? `calls on ${describeRoute(route)}` : 'no listener for calls',
  ];
  if (config.insecureDefaults.length > 0) parts.push(`WARNING: development defaults for ${config.insecureDefaults.join(', ')}`);
  return parts.join(' | ');
}

/** A port already taken says which key to change, instead of Node's stack. */
function portProblem(error: unknown, topology: Topology, key: string, address: string): unknown {
  if ((error as { code?: string }).code !== 'EADDRINUSE') return error;
  const replicas = topology.replicasOf(topology.processName);
  const replica =
    replicas > 1 ? ` (replica ${topology.replica} of ${replicas}: ${key}.port + ${topology.replica - 1}; is REPLICA right?)` : '';
  return new ConfigurationError(`process "${topology.processName}" of topology "${topology.name}"`, [
    `${address} is in use${replica}: stop what listens there or change ${key}.port (TOPOLOGY__${key.replace(/\./g, '__')}__port=…)`,
  ]);
}
