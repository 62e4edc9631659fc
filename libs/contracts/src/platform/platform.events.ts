import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../shared';

export const REFUSAL_REASONS = [
  'bad-envelope',
  'bad-signature',
  'deadline-expired',
  'caller-not-allowed',
  'role-missing',
  'not-permitted',
  'replayed',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Stamp: a module refused a message at its permission boundary. */
export class MessageRefusedEvent {
  @IsString() @MaxLength(200) pattern!: string;
  @IsIn(REFUSAL_REASONS) reason!: RefusalReason;
  @IsString() @MaxLength(200) claimedCaller!: string;
  @IsString() @MaxLength(500) detail!: string;
  /**
   * Present on an aggregate of unauthenticated refusals (ADR 0021): how many refusals from this
   * claimed caller this entry stands for, received from `windowStart` to `windowEnd` (ISO times).
   * Absent: the entry is one refusal.
   */
  @IsOptional() @IsInt() @Min(1) count?: number;
  @IsOptional() @IsString() @MaxLength(30) windowStart?: string;
  @IsOptional() @IsString() @MaxLength(30) windowEnd?: string;
}

/** Stamp: a module handled a command (a call that changes state). */
export class CommandHandledEvent {
  @IsString() @MaxLength(200) pattern!: string;
  @IsIn(['ok', 'error']) outcome!: 'ok' | 'error';
  @IsString() caller!: string;
  @IsOptional() @IsString() errorCode?: string;
}

export const PlatformEvents = {
  messageRefused: defineEvent('platform.message.refused.v1', MessageRefusedEvent),
  commandHandled: defineEvent('platform.command.handled.v1', CommandHandledEvent),
} as const;
