import {
  EventDeadLetterList,
  GATEWAY,
  MODULE_NAMES,
  ModuleName,
  PlatformContract,
  ResubmitEventDeadLetterRequest,
  ResubmittedEventDeadLetter,
} from '@app/contracts';
import { MessageSender, Topology } from '@app/platform';
import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AuthenticatedGuard } from '../http/authenticated.guard';

export class DeadLetterQuery {
  @ApiPropertyOptional({
    enum: MODULE_NAMES,
    description: 'only the outbox of this module (the publisher); default: every deployed module',
  })
  @IsOptional()
  @IsIn(MODULE_NAMES)
  module?: string;
}

/**
 * Events the outbox relay gave up on after `OUTBOX_MAX_ATTEMPTS` refusals (ADR 0016), for admins.
 * Each module's outbox is asked through the kernel contract of the process that hosts it
 * (`platform.dead-letters.*.v1`); the kernel there checks the admin role (403 `ROLE_MISSING`)
 * and stamps a resubmit in the audit log.
 */
@ApiTags('events')
@ApiBearerAuth()
@UseGuards(AuthenticatedGuard)
@Controller('events/dead-letters')
export class DeadLettersHttpController {
  constructor(
    private readonly sender: MessageSender,
    @Inject(Topology) private readonly topology: Topology,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Dead-lettered events of every outbox, or of one module (admin)' })
  @ApiResponse({ status: 200, type: EventDeadLetterList })
  @ApiResponse({ status: 400, description: 'module is not a module name' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  @ApiResponse({ status: 404, description: 'the module is not deployed in this topology' })
  async list(@Query() query: DeadLetterQuery): Promise<EventDeadLetterList> {
    const modules = query.module ? [this.deployed(query.module)] : this.topology.deployedModules;
    const lists = await Promise.all(
      modules.map((module) => this.sender.send<EventDeadLetterList>(module, PlatformContract.listDeadLetters.pattern, { module }, GATEWAY)),
    );
    return { deadLetters: lists.flatMap((list) => list.deadLetters) };
  }

  @Post(':module/:seq/resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make one dead-lettered event due again, with a fresh attempt budget; audited (admin)' })
  @ApiResponse({ status: 200, type: ResubmittedEventDeadLetter })
  @ApiResponse({ status: 400, description: 'module is not a module name, or seq is not a positive integer' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  @ApiResponse({ status: 404, description: 'the module is not deployed, or its outbox has no dead letter with this seq' })
  resubmit(@Param() params: ResubmitEventDeadLetterRequest): Promise<ResubmittedEventDeadLetter> {
    const module = this.deployed(params.module);
    return this.sender.send<ResubmittedEventDeadLetter>(
      module,
      PlatformContract.resubmitDeadLetter.pattern,
      { module, seq: params.seq },
      GATEWAY,
    );
  }

  private deployed(module: string): ModuleName {
    if (!this.topology.isDeployed(module))
      throw new NotFoundException({
        code: 'MODULE_NOT_DEPLOYED',
        message: `module ${module} is not deployed in topology ${this.topology.name}`,
      });
    return module;
  }
}
