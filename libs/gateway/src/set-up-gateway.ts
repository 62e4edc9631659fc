import { createContractValidationPipe, Drain } from '@app/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setUpOpenApi } from './docs/openapi';
import { registerDrainHook } from './http/drain.hook';
import { HttpErrorFilter } from './http/http-error.filter';
import { registerTraceHook } from './http/trace.hook';

/** Edge concerns of the HTTP app: trace header, drain, validation, one error shape, OpenAPI. */
export function setUpGateway(app: NestFastifyApplication): void {
  registerTraceHook(app.getHttpAdapter().getInstance());
  registerDrainHook(app.getHttpAdapter().getInstance(), app.get(Drain));
  app.useGlobalPipes(createContractValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  setUpOpenApi(app);
}
