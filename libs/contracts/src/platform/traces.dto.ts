import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** `platform.traces.read.v1`: the spans one process kept of one trace. */
export class ReadTraceRequest {
  @ApiProperty({ example: '4bf92f3577b34da6a3ce929d0e0e4736', description: 'the W3C trace ID (`x-trace-id` of a response)' })
  @Matches(/^[0-9a-f]{32}$/, { message: 'traceId must be 32 lowercase hex characters' })
  traceId!: string;
}

/** One finished span, as plain JSON: what the waterfall draws one row of. */
export class TraceSpan {
  @ApiProperty({ example: 'handle auth.user.register.v1' }) name!: string;
  @ApiProperty({ example: 'auth', description: 'the process that recorded it (PROCESS)' }) process!: string;
  @ApiProperty({ example: '00f067aa0ba902b7' }) spanId!: string;
  @ApiPropertyOptional({ description: 'absent for a root span' }) parentSpanId?: string;
  @ApiProperty({ enum: ['internal', 'server', 'client', 'producer', 'consumer'] }) kind!: string;
  @ApiProperty({ description: 'start, epoch microseconds' }) startMicros!: number;
  @ApiProperty({ description: 'end minus start, microseconds' }) durationMicros!: number;
  @ApiProperty({ enum: ['unset', 'ok', 'error'] }) status!: string;
  @ApiPropertyOptional() statusMessage?: string;
  @ApiProperty({ type: Object, example: { 'archipelago.pattern': 'auth.user.register.v1', 'archipelago.outcome': 'ok' } })
  attributes!: Record<string, string | number | boolean>;
}

export class ProcessTrace {
  @ApiProperty() process!: string;
  @ApiProperty({ type: [TraceSpan] }) spans!: TraceSpan[];
}
