import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CreateTaskRequest,
  LABEL_MAX_LENGTH,
  LABELS_PER_TASK_MAX,
  TASK_DESCRIPTION_MAX_LENGTH,
  TASK_PRIORITIES,
  TASK_TITLE_MAX_LENGTH,
  TaskPriority,
} from '@taskgate/api-contract';
import { IsBoolean, IsIn } from 'class-validator';
import { RecurrenceDto } from './recurrence.dto';
import { IfPresent, IfPresentAndNotNull, IsCalendarDate, IsInstant, IsLabelList, IsRecurrence, IsTaskText } from './task-field.validators';

export class CreateTaskDto implements CreateTaskRequest {
  @ApiProperty({
    description: `Trimmed; 1–${TASK_TITLE_MAX_LENGTH} characters (Unicode code points) after trimming.`,
    minLength: 1,
    maxLength: TASK_TITLE_MAX_LENGTH,
    example: 'Write the quarterly report',
  })
  @IsTaskText({ min: 1, max: TASK_TITLE_MAX_LENGTH, trim: true })
  title!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: TASK_DESCRIPTION_MAX_LENGTH,
    description: `At most ${TASK_DESCRIPTION_MAX_LENGTH} characters; an empty string is stored as null.`,
  })
  @IfPresentAndNotNull()
  @IsTaskText({ min: 0, max: TASK_DESCRIPTION_MAX_LENGTH })
  description?: string | null;

  @ApiPropertyOptional({ default: false })
  @IfPresent()
  @IsBoolean()
  completed?: boolean;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, default: 'medium' })
  @IfPresent()
  @IsIn(TASK_PRIORITIES, { message: `must be one of ${TASK_PRIORITIES.join(', ')}` })
  priority?: TaskPriority;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-12-31',
    description: 'A real calendar date (past dates allowed), or null.',
  })
  @IfPresentAndNotNull()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({
    type: [String],
    default: [],
    maxItems: LABELS_PER_TASK_MAX,
    example: ['Work', 'urgent'],
    description:
      `Each trimmed, 1–${LABEL_MAX_LENGTH} characters, no comma or NUL; at most ${LABELS_PER_TASK_MAX}; ` +
      'compared case-insensitively (a repeat in one request is a 400). A label the user already has keeps its first spelling.',
  })
  @IfPresent()
  @IsLabelList()
  labels?: string[];

  @ApiPropertyOptional({
    type: RecurrenceDto,
    nullable: true,
    description:
      'Requires a dueDate. When the task becomes completed, its next occurrence is created (id in X-Next-Task-Id), ' +
      'due interval × every later (a month or year step from the 29th–31st lands on the last day of a shorter month).',
  })
  @IfPresentAndNotNull()
  @IsRecurrence()
  recurrence?: RecurrenceDto | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T09:00:00+01:00',
    description: 'ISO 8601 with Z or an offset (none is a 400); stored to the millisecond, answered in UTC.',
  })
  @IfPresentAndNotNull()
  @IsInstant()
  remindAt?: string | null;
}
