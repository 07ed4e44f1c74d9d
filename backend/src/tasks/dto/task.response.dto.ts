import { ApiProperty } from '@nestjs/swagger';
import { Task, TASK_PRIORITIES, TaskPriority } from '@taskgate/api-contract';
import { RecurrenceDto } from './recurrence.dto';

export class TaskResponseDto implements Task {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: "The owner: always the token's sub." })
  userId!: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  title!: string;

  @ApiProperty({ type: String, nullable: true, maxLength: 1000 })
  description!: string | null;

  @ApiProperty()
  completed!: boolean;

  @ApiProperty({ enum: TASK_PRIORITIES })
  priority!: TaskPriority;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  dueDate!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set when completed becomes true, null when it becomes false.',
  })
  completedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Moves on every change.' })
  updatedAt!: string;

  @ApiProperty({ type: [String], description: 'Sorted by lower case; each in the spelling the user first used.' })
  labels!: string[];

  @ApiProperty({ type: RecurrenceDto, nullable: true })
  recurrence!: RecurrenceDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'In UTC.' })
  remindAt!: string | null;
}
