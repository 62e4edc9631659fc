import { GATEWAY, PlatformContract, ProcessTrace, ReadTraceRequest } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { Handles } from '../messaging/handles.decorator';
import { MessageBody } from '../messaging/message-params.decorators';
import { Tracing } from './tracing';

/** Hands the gateway the spans this process kept of one trace, for `GET /traces/:traceId` (admins). */
@Controller()
export class TracesController {
  constructor(private readonly tracing: Tracing) {}

  @Handles(PlatformContract.readTrace, { callers: [GATEWAY], roles: ['admin'] })
  read(@MessageBody() request: ReadTraceRequest): ProcessTrace {
    return { process: this.tracing.processName, spans: this.tracing.spansOf(request.traceId) };
  }
}
