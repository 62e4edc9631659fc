import { ReadTraceRequest } from '@app/contracts';
import { Controller, Get, Header, Param, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedGuard } from '../http/authenticated.guard';
import { GatewayRequest } from '../http/gateway-request';
import { requireAdmin } from '../http/require-admin';
import { TraceCollector } from './trace-collector';
import { TraceView } from './trace-view';
import { renderWaterfall } from './waterfall.page';

/** The page draws only what it is given: no script, no request for anything else. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/**
 * One trace across every process, for admins (ADR 0027): the spans as JSON, or a waterfall page.
 * Each process also checks the admin role before it hands its spans over.
 */
@ApiTags('operations')
@ApiBearerAuth()
@UseGuards(AuthenticatedGuard)
@Controller('traces')
export class TracesHttpController {
  constructor(private readonly traces: TraceCollector) {}

  @Get(':traceId')
  @ApiOperation({ summary: 'The spans every process kept of one trace (the x-trace-id of a response), by start time (admin)' })
  @ApiResponse({ status: 200, type: TraceView })
  @ApiResponse({ status: 400, description: 'traceId is not 32 lowercase hex characters' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  read(@Param() params: ReadTraceRequest, @Req() request: GatewayRequest): Promise<TraceView> {
    requireAdmin(request.actor, 'read traces');
    return this.traces.collect(params.traceId);
  }

  @Get(':traceId/waterfall')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', PAGE_POLICY)
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The same trace as a self-contained HTML waterfall: one row per span, indented by parent (admin)' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  async waterfall(@Param() params: ReadTraceRequest, @Req() request: GatewayRequest): Promise<string> {
    requireAdmin(request.actor, 'read traces');
    return renderWaterfall(await this.traces.collect(params.traceId));
  }
}
