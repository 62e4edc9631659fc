import { createContractValidationPipe, Drain, Metrics, PLATFORM_CONFIG, PlatformConfig, Tracing } from '@app/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setUpOpenApi } from './docs/openapi';
import { registerAccessLog } from './http/access-log.hook';
import { registerAuthRateLimit } from './http/auth-rate-limit';
import { registerDrainHook } from './http/drain.hook';
import { HttpErrorFilter } from './http/http-error.filter';
import { registerJsonDepthParser } from './http/json-depth.parser';
import { registerTraceHook } from './http/trace.hook';
import { HttpMetrics } from './metrics/http-metrics';

/**
 * Edge concerns of the HTTP app: trace header, access log, drain, body depth, login/refresh rate
 * limits, validation, one error shape, OpenAPI.
 */
export async function setUpGateway(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  registerTraceHook(fastify, app.get(Tracing));
  registerAccessLog(fastify, new HttpMetrics(app.get(Metrics)));
  registerDrainHook(fastify, app.get(Drain));
  registerJsonDepthParser(fastify, config.maxPayloadDepth);
  await registerAuthRateLimit(fastify, config.authRateLimit);
  app.useGlobalPipes(createContractValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  setUpOpenApi(app);
}
