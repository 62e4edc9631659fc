import { GATEWAY, MODULE_NAMES, PingReply, PingRequest, PlatformContract } from '@app/contracts';
import { Controller, Inject } from '@nestjs/common';
import { Topology } from '../config/topology';
import { Handles } from '../messaging/handles.decorator';
import { MessageBody } from '../messaging/message-params.decorators';

/** Lets the gateway's health check see that a remote process answers. */
@Controller()
export class PingController {
  constructor(@Inject(Topology) private readonly topology: Topology) {}

  @Handles(PlatformContract.ping, { callers: [GATEWAY, ...MODULE_NAMES] })
  ping(@MessageBody() _request: PingRequest): PingReply {
    return { process: this.topology.processName, modules: this.topology.hostedModules };
  }
}
