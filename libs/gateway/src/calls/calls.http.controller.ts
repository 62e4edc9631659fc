import { CallContract, GATEWAY, MODULE_CONTRACTS, ModuleName, ownerOf } from '@app/contracts';
import { MessageSender, PLATFORM_CONFIG, PlatformConfig } from '@app/platform';
import { BadRequestException, Body, Controller, HttpCode, Inject, NotFoundException, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedGuard } from '../http/authenticated.guard';
import { GatewayRequest } from '../http/gateway-request';
import { requireAdmin } from '../http/require-admin';

const PUBLISHED: ReadonlyMap<string, CallContract<object, unknown>> = new Map(
  Object.values(MODULE_CONTRACTS)
    .flat()
    .map((contract) => [contract.pattern, contract]),
);

/**
 * Development only (`npm run call`): one message through the real pipeline — envelope, transport,
 * policy, validation, handler, stamps — sent as the gateway on behalf of the admin asking, to
 * whichever process the topology runs its module in. Absent when `NODE_ENV=production`.
 */
@ApiTags('development')
@ApiBearerAuth()
@UseGuards(AuthenticatedGuard)
@Controller('calls')
export class CallsHttpController {
  constructor(
    private readonly sender: MessageSender,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post(':pattern')
  @HttpCode(200)
  @ApiOperation({ summary: 'Development only: send a payload to a published pattern as the gateway, for the admin (npm run call)' })
  async call(@Param('pattern') pattern: string, @Body() payload: unknown, @Req() request: GatewayRequest): Promise<object> {
    if (this.config.production) throw new NotFoundException({ code: 'NOT_FOUND', message: 'POST /calls exists in development only' });
    const actor = requireAdmin(request.actor, 'send raw calls');
    if (!PUBLISHED.has(pattern))
      throw new NotFoundException({
        code: 'UNKNOWN_PATTERN',
        message: `no module publishes ${pattern}; GET /topology lists the contracts`,
      });
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      throw new BadRequestException({ code: 'VALIDATION_FAILED', message: 'the body must be a JSON object: the payload of the message' });
    const module = ownerOf(pattern) as ModuleName;
    const result = await this.sender.send(module, pattern, payload, GATEWAY, { actor });
    return { pattern, module, result };
  }
}
