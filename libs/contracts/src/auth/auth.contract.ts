import { clientFor, command, defineContract, query } from '../shared';
import {
  CancelledRegistration,
  CancelRegistrationRequest,
  LoginRequest,
  MeRequest,
  RefreshRequest,
  RegisterRequest,
  TokenPair,
  UserView,
  VerifiedToken,
  VerifyTokenRequest,
} from './auth.dto';

/** Every call the auth module answers. The version is part of the pattern. */
export const AuthContract = defineContract('auth', {
  register: command('auth.user.register.v1', RegisterRequest).returns<UserView>(),
  login: command('auth.session.login.v1', LoginRequest).returns<TokenPair>(),
  refresh: command('auth.session.refresh.v1', RefreshRequest).returns<TokenPair>(),
  me: query('auth.user.me.v1', MeRequest).returns<UserView>(),
  verifyToken: query('auth.token.verify.v1', VerifyTokenRequest).returns<VerifiedToken>(),
  cancelRegistration: command('auth.registration.cancel.v1', CancelRegistrationRequest).returns<CancelledRegistration>(),
});

/** The typed client of the auth module (`authClient.register(dto)`): callers never see a pattern. */
export class AuthClient extends clientFor(AuthContract) {}
