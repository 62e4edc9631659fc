import { ContractBus } from '../shared';
import { AuthContract } from './auth.contract';
import {
  CancelledRegistration,
  CancelRegistrationRequest,
  LoginRequest,
  RefreshRequest,
  RegisterRequest,
  TokenPair,
  UserView,
  VerifiedToken,
  VerifyTokenRequest,
} from './auth.dto';

/** The typed client of the auth module: callers never see a pattern or a ClientProxy. */
export class AuthClient {
  constructor(private readonly bus: ContractBus) {}

  register(request: RegisterRequest): Promise<UserView> {
    return this.bus.call(AuthContract.register, request);
  }

  login(request: LoginRequest): Promise<TokenPair> {
    return this.bus.call(AuthContract.login, request);
  }

  refresh(request: RefreshRequest): Promise<TokenPair> {
    return this.bus.call(AuthContract.refresh, request);
  }

  me(): Promise<UserView> {
    return this.bus.call(AuthContract.me, {});
  }

  verifyToken(request: VerifyTokenRequest): Promise<VerifiedToken> {
    return this.bus.call(AuthContract.verifyToken, request);
  }

  cancelRegistration(request: CancelRegistrationRequest): Promise<CancelledRegistration> {
    return this.bus.call(AuthContract.cancelRegistration, request);
  }
}
