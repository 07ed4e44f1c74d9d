import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CreateTaskRequest,
  TASK_DESCRIPTION_MAX_LENGTH,
  TASK_PRIORITIES,
  TASK_TITLE_MAX_LENGTH,
  TaskPriority,
} from '@taskgate/api-contract';
import { IsBoolean, IsIn } from 'class-validator';
import { IfPresent, IfPresentAndNotNull, IsCalendarDate, IsTaskText } from './task-field.validators';

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
}
