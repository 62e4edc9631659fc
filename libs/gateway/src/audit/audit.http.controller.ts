import { AuditChainReport, AuditClient, AuditEntryPage, SearchAuditEntriesRequest } from '@app/contracts';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedGuard } from '../http/authenticated.guard';

/** The audit log, for admins. The audit module itself refuses non-admins (403). */
@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(AuthenticatedGuard)
@Controller('audit')
export class AuditHttpController {
  constructor(private readonly audit: AuditClient) {}

  @Get()
  @ApiOperation({ summary: 'Search audit entries by trace ID, actor or module (admin)' })
  @ApiResponse({ status: 200, type: AuditEntryPage })
  @ApiResponse({ status: 403, description: 'not an admin' })
  search(@Query() query: SearchAuditEntriesRequest): Promise<AuditEntryPage> {
    return this.audit.search(query);
  }

  @Get('verify')
  @ApiOperation({ summary: "Check every entry's MAC and link against the latest signed checkpoint; list what was tampered with (admin)" })
  @ApiResponse({ status: 200, type: AuditChainReport })
  verify(): Promise<AuditChainReport> {
    return this.audit.verifyChain();
  }
}
