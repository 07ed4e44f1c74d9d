import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { BulkTaskResult, IDEMPOTENCY_KEY_HEADER, NEXT_TASK_ID_HEADER, Task, TOTAL_COUNT_HEADER } from '@taskgate/api-contract';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiProblemResponses } from '../http/api-problem-responses.decorator';
import { parseIfMatch } from '../http/etag';
import { InvalidRequestException } from '../http/invalid-request.exception';
import { JsonBodyReader } from '../http/json-body.reader';
import { BulkTaskDto, BulkTaskResultDto } from './dto/bulk-task.dto';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks.query';
import { SetCompletedDto } from './dto/set-completed.dto';
import { TaskResponseDto } from './dto/task.response.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { idempotencyKeyFrom } from './idempotency-key';
import { ListTasksCriteria, ListTasksQueryPipe } from './list-tasks-query.pipe';
import { TaskResult, TasksService } from './tasks.service';

const taskId = new ParseUUIDPipe({
  exceptionFactory: () => new InvalidRequestException([{ field: 'id', message: 'must be a UUID' }], 'The task id must be a UUID.'),
});

const ETAG_HEADER = { ETag: { description: "The task's current version", schema: { type: 'string' as const } } };
const WRITE_HEADERS = {
  ...ETAG_HEADER,
  [NEXT_TASK_ID_HEADER]: {
    description: 'When this write completed a recurring task: the id of its next occurrence, created in the same transaction',
    schema: { type: 'string' as const, format: 'uuid' },
  },
};
const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: "The task's current ETag (strong comparison) or *; anything else answers 412 and changes nothing.",
};

/** The next page of the same list: the same filters, sort and limit, and the cursor where this page ended. */
function nextPageUrl(userId: string, criteria: ListTasksCriteria, cursor: string): string {
  const { status, q, priority, sort, order, limit, labels, dueFrom, dueTo, due } = criteria;
  const params = new URLSearchParams({ status, sort, order, limit: String(limit) });
  if (q !== undefined) params.set('q', q);
  if (priority !== undefined) params.set('priority', priority);
  if (labels !== undefined) params.set('labels', labels.join(','));
  if (dueFrom !== undefined) params.set('dueFrom', dueFrom);
  if (dueTo !== undefined) params.set('dueTo', dueTo);
  if (due !== undefined) params.set('due', due);
  params.set('cursor', cursor);
  return `/api/${encodeURIComponent(userId)}/tasks?${params}`;
}

/**
 * A user's tasks. Guards have already checked the token (401), that the path
 * is the caller's (403) and the rate limit (429); path and query pipes answer
 * 400; bodies are read last, by {@link JsonBodyReader} (413, 415, 400).
 */
@ApiTags('tasks')
@ApiBearerAuth()
@ApiParam({ name: 'user_id', description: "The caller's user id: must equal the token's sub." })
@ApiProblemResponses(401, 403, 429, 503)
@Controller(':user_id/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly bodies: JsonBodyReader,
  ) {}

  @Get()
  @ApiOperation({ summary: "List the caller's tasks" })
  @ApiQuery({ type: ListTasksQueryDto })
  @ApiOkResponse({
    type: [TaskResponseDto],
    headers: {
      [TOTAL_COUNT_HEADER]: { description: 'Matches before paging', schema: { type: 'integer' } },
      Link: {
        description: 'When another page follows: `</api/{user_id}/tasks?…&cursor=…>; rel="next"` (RFC 8288), the same filters and sort',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblemResponses(400)
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(ListTasksQueryPipe) criteria: ListTasksCriteria,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Task[]> {
    const { tasks, total, nextCursor } = await this.tasks.list(user.id, criteria);
    reply.header(TOTAL_COUNT_HEADER, String(total));
    if (nextCursor) reply.header('Link', `<${nextPageUrl(user.id, criteria, nextCursor)}>; rel="next"`);
    return tasks;
  }

  @Post()
  @ApiOperation({ summary: 'Create a task' })
  @ApiBody({ type: CreateTaskDto })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description:
      '1–255 printable ASCII characters, per user, remembered 24 h: a repeat with the same body answers the first response again.',
  })
  @ApiResponse({
    status: 201,
    type: TaskResponseDto,
    headers: { ...ETAG_HEADER, Location: { description: "The task's URL", schema: { type: 'string' } } },
  })
  @ApiProblemResponses(400, 409, 413, 415, 422)
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Task> {
    const idempotencyKey = idempotencyKeyFrom(idempotencyKeyHeader);
    const { value, json } = await this.bodies.read(body, CreateTaskDto);
    const created = await this.tasks.create(user.id, value, idempotencyKey ? { key: idempotencyKey, json } : undefined);
    reply.status(created.status).header('Location', `/api/${encodeURIComponent(user.id)}/tasks/${created.task.id}`);
    return this.send(reply, created);
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOperation({
    summary: 'One action on up to 100 tasks, in one transaction',
    description:
      "Ids that are not the caller's tasks change nothing and are answered in notFound. Completing a recurring pending task creates its next occurrence.",
  })
  @ApiBody({ type: BulkTaskDto })
  @ApiOkResponse({ type: BulkTaskResultDto })
  @ApiProblemResponses(400, 413, 415)
  async bulk(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown): Promise<BulkTaskResult> {
    const { value } = await this.bodies.read(body, BulkTaskDto);
    return this.tasks.bulk(user.id, value);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a task' })
  @ApiOkResponse({ type: TaskResponseDto, headers: ETAG_HEADER })
  @ApiProblemResponses(400, 404)
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', taskId) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Task> {
    return this.send(reply, await this.tasks.get(user.id, id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change some fields of a task' })
  @ApiBody({ type: UpdateTaskDto, description: 'Any non-empty subset of the fields.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: TaskResponseDto, headers: WRITE_HEADERS })
  @ApiProblemResponses(400, 404, 412, 413, 415)
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', taskId) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Task> {
    const { value } = await this.bodies.read(body, UpdateTaskDto);
    if (Object.keys(value).length === 0) {
      throw new InvalidRequestException([{ field: '', message: 'must change at least one field' }], 'The body changes nothing.');
    }
    return this.send(reply, await this.tasks.update(user.id, id, value, parseIfMatch(ifMatch)));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a task' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(400, 404, 412)
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', taskId) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.tasks.delete(user.id, id, parseIfMatch(ifMatch));
  }

  @Patch(':id/complete')
  @ApiOperation({ summary: 'Flip completed (no body), or set it ({"completed": …})' })
  @ApiBody({ type: SetCompletedDto, required: false })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: TaskResponseDto, headers: WRITE_HEADERS })
  @ApiProblemResponses(400, 404, 412, 413, 415)
  async complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', taskId) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Task> {
    const read = await this.bodies.readOptional(body, SetCompletedDto);
    const change = read ? { completed: read.value.completed } : 'toggle';
    return this.send(reply, await this.tasks.complete(user.id, id, change, parseIfMatch(ifMatch)));
  }

  private send(reply: FastifyReply, { task, etag, nextTaskId }: TaskResult): Task {
    reply.header('ETag', etag);
    if (nextTaskId) reply.header(NEXT_TASK_ID_HEADER, nextTaskId);
    return task;
  }
}
