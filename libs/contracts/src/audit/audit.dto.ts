import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MODULE_NAMES } from '../shared';

export class SearchAuditEntriesRequest {
  @ApiPropertyOptional({ description: '32 hex characters (the W3C trace-id)' })
  @IsOptional()
  @Matches(/^[0-9a-f]{32}$/, { message: 'traceId must be 32 lower-case hex characters' })
  traceId?: string;

  @ApiPropertyOptional({ description: 'user:<id>, system or anonymous', example: 'system' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  actor?: string;

  @ApiPropertyOptional({ enum: [...MODULE_NAMES, 'gateway'] })
  @IsOptional()
  @IsIn([...MODULE_NAMES, 'gateway'])
  module?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class VerifyAuditChainRequest {}

export class AuditEntryView {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: 'The event or stamp pattern' }) action!: string;
  @ApiProperty() module!: string;
  @ApiProperty({ example: 'user:3f0c…' }) actor!: string;
  @ApiProperty() traceId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ type: Object }) payload!: Record<string, unknown>;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() prevHash!: string;
  @ApiProperty({ enum: ['sha256', 'hmac-sha256'], description: 'How `hash` was computed: keyed, or legacy unkeyed (ADR 0024)' })
  algorithm!: string;
  @ApiProperty() hash!: string;
}

export class AuditEntryPage {
  @ApiProperty({ type: [AuditEntryView] }) entries!: AuditEntryView[];
}

/** What the chain's evidence shows was done to the log (ADR 0024 says how each kind is told apart). */
export const AUDIT_CHAIN_PROBLEM_KINDS = ['edited', 'deleted', 'truncated', 'rewritten', 'forged', 'checkpoint-invalid'] as const;
export type AuditChainProblemKind = (typeof AUDIT_CHAIN_PROBLEM_KINDS)[number];

export class AuditChainProblem {
  @ApiProperty({ enum: AUDIT_CHAIN_PROBLEM_KINDS }) kind!: AuditChainProblemKind;
  @ApiProperty({ description: 'The first entry concerned (for checkpoint-invalid: the seq the line claims, 0 if none)' }) seq!: number;
  @ApiProperty({ example: 'entry 7 does not match its MAC: its content was changed' }) detail!: string;
}

export class AuditCheckpointView {
  @ApiProperty({ description: 'The newest entry the checkpoint covers' }) seq!: number;
  @ApiProperty({ description: "That entry's hash when the checkpoint was written" }) head!: string;
  @ApiProperty({ description: 'ISO-8601, when it was written' }) at!: string;
}

export class AuditChainReport {
  @ApiProperty({ description: 'No problem found' }) valid!: boolean;
  @ApiProperty({ description: 'Entries in the log' }) entries!: number;
  @ApiProperty({ description: 'Of which sealed with unkeyed SHA-256, before the chain key existed' }) legacyEntries!: number;
  @ApiProperty({ description: 'Hash of the newest entry (empty for an empty log)' }) head!: string;
  @ApiProperty({ type: AuditCheckpointView, nullable: true, description: 'The latest authentic checkpoint the log was checked against' })
  checkpoint!: AuditCheckpointView | null;
  @ApiProperty({ type: [AuditChainProblem] }) problems!: AuditChainProblem[];
  @ApiProperty({ type: [String], description: 'What limits the check without being tampering (no checkpoint yet, a torn last line)' })
  warnings!: string[];
}
