import { Controller, Get, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuthenticatedGuard } from '../http/authenticated.guard';
import { GatewayRequest } from '../http/gateway-request';
import { requireAdmin } from '../http/require-admin';
import { SAGA_STATES, SagaInstance, SagaState } from './saga-instance.entity';
import { SagaLog } from './saga-log';

export class ListSagasQuery {
  @ApiPropertyOptional({ enum: SAGA_STATES }) @IsOptional() @IsIn(SAGA_STATES) state?: SagaState;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class SagaInstanceView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'signup' }) type!: string;
  @ApiProperty({ description: 'the business key: the signup email' }) key!: string;
  @ApiProperty({ enum: SAGA_STATES }) state!: SagaState;
  @ApiProperty({ example: 'subscribe' }) step!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'who works on it now, if anyone' }) leaseOwner!: string | null;
  @ApiProperty({ nullable: true, type: String }) leaseUntil!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class SagaInstancePage {
  @ApiProperty({ type: [SagaInstanceView] }) items!: SagaInstanceView[];
}

const toView = ({ data: _data, ...instance }: SagaInstance): SagaInstanceView => instance;

/** The gateway's saga log, for admins: which signups are running, undone, finished, and why. */
@ApiTags('sagas')
@ApiBearerAuth()
@UseGuards(AuthenticatedGuard)
@Controller('sagas')
export class SagasHttpController {
  constructor(private readonly log: SagaLog) {}

  @Get()
  @ApiOperation({ summary: 'List saga instances, newest first, with state, step, attempts and last error (admin)' })
  @ApiResponse({ status: 200, type: SagaInstancePage })
  @ApiResponse({ status: 403, description: 'not an admin' })
  async list(@Query() query: ListSagasQuery, @Req() request: GatewayRequest): Promise<SagaInstancePage> {
    requireAdmin(request.actor, 'list sagas');
    const instances = await this.log.list(query.state, query.limit ?? 100);
    return { items: instances.map(toView) };
  }
}
