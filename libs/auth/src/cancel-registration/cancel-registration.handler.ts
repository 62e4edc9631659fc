import { AuthContract, CancelledRegistration, CancelRegistrationRequest, GATEWAY } from '@app/contracts';
import { Handles, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { CancelRegistrationService } from './cancel-registration.service';

/** `auth.registration.cancel.v1`: the signup saga's compensation, sent by its orchestrator. */
@Controller()
export class CancelRegistrationHandler {
  constructor(private readonly cancellations: CancelRegistrationService) {}

  @Handles(AuthContract.cancelRegistration, { callers: [GATEWAY] })
  cancel(@MessageBody() request: CancelRegistrationRequest): Promise<CancelledRegistration> {
    return this.cancellations.cancel(request);
  }
}
