import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  ListTasksQuery,
  SORT_ORDERS,
  SortOrder,
  TASK_DUE_FILTERS,
  TASK_PRIORITIES,
  TASK_SORT_FIELDS,
  TASK_STATUS_FILTERS,
  TaskDueFilter,
  TaskPriority,
  TaskSortField,
  TaskStatusFilter,
} from '@taskgate/api-contract';

/** The list query for Swagger; {@link ListTasksQueryPipe} validates it. */
export class ListTasksQueryDto implements ListTasksQuery {
  @ApiPropertyOptional({ enum: TASK_STATUS_FILTERS, default: 'all' })
  status?: TaskStatusFilter;

  @ApiPropertyOptional({
    description: 'Case-insensitive literal match in title or description (% and _ are not wildcards).',
    maxLength: 1000,
  })
  q?: string;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, description: 'Default: any priority.' })
  priority?: TaskPriority;

  @ApiPropertyOptional({
    enum: TASK_SORT_FIELDS,
    default: 'created',
    description: 'Ties are broken by id ascending; priority sorts by rank; tasks without dueDate come last.',
  })
  sort?: TaskSortField;

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'desc' })
  order?: SortOrder;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: LIST_LIMIT_MAX, default: LIST_LIMIT_DEFAULT })
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'Not with cursor.' })
  offset?: number;

  @ApiPropertyOptional({
    description:
      'The next page after the one whose Link header (rel="next") gave this opaque value; never repeats or skips a task that exists throughout the walk. Not with offset; a malformed cursor, or one from another list (filters, sort, user), is a 400.',
  })
  cursor?: string;

  @ApiPropertyOptional({
    description:
      'Comma-separated label names: tasks carrying every one of them (case-insensitive). Each name is validated like a label; an empty item is a 400.',
    example: 'work,urgent',
  })
  labels?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'YYYY-MM-DD: tasks due on or after it (tasks without dueDate never match); after dueTo is a 400; not with due.',
  })
  dueFrom?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'YYYY-MM-DD: tasks due on or before it (tasks without dueDate never match); not with due. Overdue: status=pending&dueTo=<yesterday>.',
  })
  dueTo?: string;

  @ApiPropertyOptional({ enum: TASK_DUE_FILTERS, description: 'none: without a dueDate; any: with one. Not with dueFrom or dueTo.' })
  due?: TaskDueFilter;
}
