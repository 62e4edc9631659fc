import { TraceSpan } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class MissingProcess {
  @ApiProperty({ example: 'billing' }) process!: string;
  @ApiProperty({ example: 'MODULE_UNAVAILABLE: process "billing" cannot be reached' }) reason!: string;
}

/** One trace as every process of the topology kept it: `GET /traces/:traceId`. */
export class TraceView {
  @ApiProperty() traceId!: string;
  @ApiProperty({ type: [String], description: 'the processes whose spans are included (they answered)' }) processes!: string[];
  @ApiProperty({ type: [MissingProcess], description: 'processes that did not answer: their spans are not included' })
  missing!: MissingProcess[];
  @ApiProperty({ type: [TraceSpan], description: 'every span, by start time' }) spans!: TraceSpan[];
}
