import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { EXPORT_FORMATS, ExportFormat, TaskSummary } from '@taskgate/api-contract';
import { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { ApiProblemResponses } from '../../http/api-problem-responses.decorator';
import { TaskResponseDto } from '../dto/task.response.dto';
import { EXPORT_CONTENT_TYPES, EXPORT_COLUMNS, exportStream } from './task-export';
import { ExportQueryPipe, SummaryQueryPipe } from './report-queries';
import { TaskReportsService } from './task-reports.service';
import { TaskSummaryResponseDto } from './task-summary.response.dto';

/**
 * All of a user's tasks at once: the export and the summary (API.md v1.1).
 * Fastify matches these fixed paths before `tasks/:id`, whatever the
 * controllers' order.
 */
@ApiTags('tasks')
@ApiBearerAuth()
@ApiParam({ name: 'user_id', description: "The caller's user id: must equal the token's sub." })
@ApiProblemResponses(400, 401, 403, 429, 503)
@Controller(':user_id/tasks')
export class TaskReportsController {
  constructor(private readonly reports: TaskReportsService) {}

  @Get('export')
  @ApiOperation({
    summary: 'Download every task (CSV or JSON, streamed)',
    description:
      `JSON: an array of tasks. CSV: RFC 4180, a header row of the task's fields (${EXPORT_COLUMNS.join(', ')}), ` +
      'labels joined by ";", recurrence as its JSON, null as an empty cell; a cell beginning with =, +, -, @, tab or ' +
      "carriage return starts with ' so spreadsheets do not run it. Newest first.",
  })
  @ApiQuery({ name: 'format', enum: EXPORT_FORMATS, required: true })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.json)
  @ApiExtraModels(TaskResponseDto)
  @ApiOkResponse({
    description: 'The file',
    schema: { type: 'array', items: { $ref: getSchemaPath(TaskResponseDto) } },
    headers: { 'Content-Disposition': { description: 'attachment; filename="tasks-YYYY-MM-DD.<csv|json>" (UTC date)', schema: { type: 'string' } } },
  })
  async export(@CurrentUser() user: AuthenticatedUser, @Query(ExportQueryPipe) format: ExportFormat): Promise<StreamableFile> {
    const tasks = await this.reports.exportTasks(user.id);
    const day = new Date().toISOString().slice(0, 10);
    return new StreamableFile(exportStream(format, tasks), {
      type: EXPORT_CONTENT_TYPES[format],
      disposition: `attachment; filename="tasks-${day}.${format}"`,
    });
  }

  @Get('summary')
  @ApiOperation({
    summary: 'Counts for an overview',
    description: 'today is the client\'s own date; overdue = pending with a dueDate before it; byPriority counts pending tasks; completedPerDay covers the 14 days ending today by completedAt\'s UTC date.',
  })
  @ApiQuery({ name: 'today', required: true, example: '2026-12-04', description: "The client's date, YYYY-MM-DD (from 0001-01-14)" })
  @ApiOkResponse({ type: TaskSummaryResponseDto })
  summary(@CurrentUser() user: AuthenticatedUser, @Query(SummaryQueryPipe) today: string): Promise<TaskSummary> {
    return this.reports.summary(user.id, today);
  }
}
