import { ApiProperty } from '@nestjs/swagger';
import { Recurrence, RECURRENCE_INTERVAL_MAX, RECURRENCE_UNITS, RecurrenceUnit } from '@taskgate/api-contract';

/** For Swagger: how a recurring task repeats. Validated as a whole by IsRecurrence. */
export class RecurrenceDto implements Recurrence {
  @ApiProperty({ enum: RECURRENCE_UNITS })
  every!: RecurrenceUnit;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: RECURRENCE_INTERVAL_MAX })
  interval!: number;
}
