import { AuthContract, GATEWAY, RefreshRequest, TokenPair } from '@app/contracts';
import { Handles, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { RefreshService } from './refresh.service';

/** `auth.session.refresh.v1`: trade a refresh token for a new pair; the old token stops working. */
@Controller()
export class RefreshHandler {
  constructor(private readonly refreshes: RefreshService) {}

  @Handles(AuthContract.refresh, { callers: [GATEWAY] })
  refresh(@MessageBody() request: RefreshRequest): Promise<TokenPair> {
    return this.refreshes.refresh(request);
  }
}
