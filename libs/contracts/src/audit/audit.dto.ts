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
  @ApiProperty() hash!: string;
}

export class AuditEntryPage {
  @ApiProperty({ type: [AuditEntryView] }) entries!: AuditEntryView[];
}

export class BrokenAuditEntry {
  @ApiProperty() seq!: number;
  @ApiProperty({ example: 'hash does not match the entry content' }) reason!: string;
}

export class AuditChainReport {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'How many entries were walked' }) entries!: number;
  @ApiProperty({ description: 'Hash of the last entry (empty for an empty log)' }) head!: string;
  @ApiPropertyOptional({ type: BrokenAuditEntry }) firstBroken?: BrokenAuditEntry;
}
