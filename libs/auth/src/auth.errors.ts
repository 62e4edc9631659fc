import { ConflictException, HttpException, HttpStatus, NotFoundException, UnauthorizedException } from '@nestjs/common';

/**
 * Every refusal of the auth module, as `{ code, message }`: the kernel's compiled handler sends
 * them as `{ status, code, message }` in every topology. Messages never say which of email or password
 * was wrong.
 */
export const AuthErrors = {
  emailTaken: () => new ConflictException({ code: 'EMAIL_TAKEN', message: 'an account with this email already exists' }),
  invalidCredentials: () => new UnauthorizedException({ code: 'INVALID_CREDENTIALS', message: 'email or password is wrong' }),
  accountLocked: (until: string) =>
    new HttpException({ code: 'ACCOUNT_LOCKED', message: `too many failed logins: try again after ${until}` }, HttpStatus.LOCKED),
  invalidRefreshToken: () =>
    new UnauthorizedException({ code: 'INVALID_REFRESH_TOKEN', message: 'the refresh token is unknown or expired: log in again' }),
  refreshTokenReused: () =>
    new UnauthorizedException({
      code: 'REFRESH_TOKEN_REUSED',
      message: 'the refresh token was already used: every session of it is revoked, log in again',
    }),
  invalidToken: () => new UnauthorizedException({ code: 'INVALID_TOKEN', message: 'the access token is invalid or expired' }),
  adminNotCancellable: () =>
    new ConflictException({ code: 'REGISTRATION_NOT_CANCELLABLE', message: 'an admin account is not undone by a compensation' }),
  userNotFound: () => new NotFoundException({ code: 'USER_NOT_FOUND', message: 'the user of this token no longer exists' }),
} as const;
