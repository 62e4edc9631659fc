import { IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../shared';

export class UserRegisteredEvent {
  @IsUUID() userId!: string;
  @IsEmail() email!: string;
  @IsArray() @IsString({ each: true }) roles!: string[];
  @IsISO8601() registeredAt!: string;
}

export const LOGIN_FAILURE_REASONS = ['unknown-email', 'bad-password', 'locked'] as const;
export type LoginFailureReason = (typeof LOGIN_FAILURE_REASONS)[number];

export class LoginFailedEvent {
  @IsEmail() email!: string;
  @IsIn(LOGIN_FAILURE_REASONS) reason!: LoginFailureReason;
  @IsInt() failedAttempts!: number;
  @IsOptional() @IsISO8601() lockedUntil?: string;
}

export class RegistrationCancelledEvent {
  @IsUUID() userId!: string;
  @IsEmail() email!: string;
  @IsString() reason!: string;
}

export const AuthEvents = {
  registrationCancelled: defineEvent('auth.registration.cancelled.v1', RegistrationCancelledEvent, { orderingKey: 'userId' }),
  userRegistered: defineEvent('auth.user.registered.v1', UserRegisteredEvent, { orderingKey: 'userId' }),
  loginFailed: defineEvent('auth.login.failed.v1', LoginFailedEvent),
} as const;
