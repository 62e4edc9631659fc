import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class RegisterRequest {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, example: 'correct horse battery staple' })
  @IsString()
  @Length(8, 128)
  password!: string;
}

export class LoginRequest {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 128 })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

export class RefreshRequest {
  @ApiProperty({ description: 'The refresh token from the last login or refresh' })
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

export class VerifyTokenRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(4096)
  accessToken!: string;
}

/** `auth.user.me.v1` takes no fields: the acting user comes from the envelope. */
export class MeRequest {}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: [String], example: ['user'] }) roles!: string[];
  @ApiProperty({ description: 'ISO-8601 time' }) createdAt!: string;
}

export class TokenPair {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
}

export class VerifiedToken {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ required: false, description: 'When the token expires, epoch seconds (its `exp`)' }) expiresAt?: number;
}

/**
 * Compensation of the signup saga: undo a registration whose next step failed. By `userId`, or —
 * when the orchestrator crashed before it learned the id — by `email`, only for an account
 * registered at or after `registeredSince` (the saga's start), so an older account is never hit.
 */
export class CancelRegistrationRequest {
  @ApiProperty({ required: false }) @ValidateIf((request: CancelRegistrationRequest) => !request.email) @IsUUID() userId?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiProperty({ required: false, description: 'with `email`: only an account created at or after this time' })
  @ValidateIf((request: CancelRegistrationRequest) => Boolean(request.email))
  @IsISO8601()
  registeredSince?: string;
  @ApiProperty({ example: 'payment declined' }) @IsString() @MaxLength(200) reason!: string;
}

export class CancelledRegistration {
  @ApiProperty({ nullable: true, type: String, description: 'null when asked by email and no account matched' })
  userId!: string | null;
  @ApiProperty({ description: 'false when there was nothing left to cancel' }) cancelled!: boolean;
}
