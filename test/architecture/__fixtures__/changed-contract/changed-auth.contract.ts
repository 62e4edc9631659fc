import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { command, defineEvent } from '@app/contracts';

/**
 * A planted incompatible change the contract gate must report: `auth.user.register.v1` as if
 * someone had edited the published v1 in place instead of adding a v2.
 */
export class RegisterRequest {
  @IsEmail() @MaxLength(100) email!: string;
  @IsOptional() @IsString() @Length(8, 128) password?: string;
  @IsString() inviteCode!: string;
}

export class UserView {
  id!: string;
  email!: string;
  createdAt!: number;
  displayName!: string;
}

/** And an event that gained a field: subscribers on the old version refuse it. */
export class UserRegisteredEvent {
  @IsString() userId!: string;
  @IsEmail() email!: string;
  @IsString({ each: true }) roles!: string[];
  @IsString() registeredAt!: string;
  @IsString() locale!: string;
}

export const ChangedAuthContracts = [
  command('auth.user.register.v1', RegisterRequest).returns<UserView>(),
  defineEvent('auth.user.registered.v1', UserRegisteredEvent, { orderingKey: 'userId' }),
];
