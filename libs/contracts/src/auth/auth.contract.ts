import { defineCommand, defineQuery } from '../shared';
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
export const AuthContract = {
  register: defineCommand<RegisterRequest, UserView>('auth.user.register.v1', RegisterRequest),
  login: defineCommand<LoginRequest, TokenPair>('auth.session.login.v1', LoginRequest),
  refresh: defineCommand<RefreshRequest, TokenPair>('auth.session.refresh.v1', RefreshRequest),
  me: defineQuery<MeRequest, UserView>('auth.user.me.v1', MeRequest),
  verifyToken: defineQuery<VerifyTokenRequest, VerifiedToken>('auth.token.verify.v1', VerifyTokenRequest),
  cancelRegistration: defineCommand<CancelRegistrationRequest, CancelledRegistration>(
    'auth.registration.cancel.v1',
    CancelRegistrationRequest,
  ),
} as const;
