import { ApiProperty } from '@nestjs/swagger';
import { TaskSummary } from '@taskgate/api-contract';

class PendingByPriorityDto {
  @ApiProperty() low!: number;
  @ApiProperty() medium!: number;
  @ApiProperty() high!: number;
}

class CompletedOnDayDto {
  @ApiProperty({ example: '2026-12-04', description: 'A UTC date' }) date!: string;
  @ApiProperty({ description: 'Tasks whose completedAt falls on that UTC date' }) count!: number;
}

/** `GET …/tasks/summary` (Swagger's view of TaskSummary). */
export class TaskSummaryResponseDto implements TaskSummary {
  @ApiProperty() total!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ description: 'Pending, with a dueDate before today' }) overdue!: number;
  @ApiProperty({ description: 'Pending, due today' }) dueToday!: number;
  @ApiProperty({ type: PendingByPriorityDto, description: 'Pending tasks by priority' }) byPriority!: PendingByPriorityDto;
  @ApiProperty({ type: [CompletedOnDayDto], description: 'The 14 days ending today, oldest first, zeros included' })
  completedPerDay!: CompletedOnDayDto[];
}
