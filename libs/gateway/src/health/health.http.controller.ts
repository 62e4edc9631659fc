import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { FastifyReply } from 'fastify';
import { ModuleHealthIndicator } from './module-health.indicator';

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly modules: ModuleHealthIndicator,
  ) {}

  /** 200 when every local DataSource and every remote process answers; 503 with details if not. */
  @Get()
  @ApiOperation({ summary: 'Local DataSources and reachability of remote modules' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.modules.checks());
    } catch (error) {
      void reply.status(503);
      return (error as { response: HealthCheckResult }).response;
    }
  }
}
