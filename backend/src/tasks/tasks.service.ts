import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { BulkTaskResult, Task } from '@taskgate/api-contract';
import { DataSource } from 'typeorm';
import { formatEtag } from '../http/etag';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from './domain/idempotency.errors';
import { CompletionChange, NewTask, TaskChanges, VersionCondition } from './domain/task-write';
import { RecurrenceNeedsDueDateError } from './domain/task.errors';
import { BulkTaskDto } from './dto/bulk-task.dto';
import { CreateTaskDto } from './dto/create-task.dto';
import { toUtcInstant } from './dto/task-field.validators';
import { UpdateTaskDto } from './dto/update-task.dto';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { CursorScope, decodeCursor, encodeCursor } from './list-cursor';
import { ListTasksCriteria } from './list-tasks-query.pipe';
import { toTaskResponse } from './task.mapper';
import { TaskRow } from './task-sql';
import { TasksRepository, WriteResult } from './tasks.repository';

/** A task as answered: the body, its ETag and, when the write created one, the next occurrence's id. */
export interface TaskResult {
  task: Task;
  etag: string;
  nextTaskId?: string;
}

/** A create's answer; `replayed` when an Idempotency-Key repeated an earlier one. */
export interface CreateResult extends TaskResult {
  status: number;
  replayed: boolean;
}

const EXPIRED_KEYS_PURGE_MS = 15 * 60 * 1000;

function result(row: TaskRow): TaskResult {
  return { task: toTaskResponse(row), etag: formatEtag(row.version) };
}

function written({ row, nextTaskId }: WriteResult): TaskResult {
  return nextTaskId ? { ...result(row), nextTaskId } : result(row);
}

/** JSON with sorted keys, so the same body in another key order or layout is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Empty descriptions are stored as null; titles and labels trimmed, a
 * reminder in UTC to the millisecond (API.md).
 */
function normalise(input: CreateTaskDto | UpdateTaskDto): TaskChanges {
  const output: TaskChanges = { ...input };
  if (typeof output.title === 'string') output.title = output.title.trim();
  if (output.description === '') output.description = null;
  if (output.labels) output.labels = output.labels.map((label) => label.trim());
  if (output.recurrence) output.recurrence = { every: output.recurrence.every, interval: output.recurrence.interval };
  if (typeof output.remindAt === 'string') output.remindAt = toUtcInstant(output.remindAt);
  return output;
}

@Injectable()
export class TasksService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TasksService.name);
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly tasks: TasksRepository,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit() {
    this.purgeTimer = setInterval(() => {
      this.idempotencyKeys.deleteExpired().catch((error) => this.logger.warn(`purging idempotency keys failed: ${error.message}`));
    }, EXPIRED_KEYS_PURGE_MS).unref();
  }

  onApplicationShutdown() {
    clearInterval(this.purgeTimer);
  }

  /**
   * A page of the user's tasks, the exact number of matches, and the cursor
   * of the next page when one follows. A cursor from another user or another
   * query (filters, sort) is a 400, like a malformed one.
   */
  async list(userId: string, criteria: ListTasksCriteria): Promise<{ tasks: Task[]; total: number; nextCursor?: string }> {
    const scope: CursorScope = { userId, ...criteria };
    const position = criteria.cursor === undefined ? undefined : decodeCursor(criteria.cursor, scope);
    const { rows, total, next } = await this.tasks.list(userId, criteria, position);
    const tasks = rows.map(toTaskResponse);
    return next ? { tasks, total, nextCursor: encodeCursor(scope, next) } : { tasks, total };
  }

  async get(userId: string, id: string): Promise<TaskResult> {
    return result(await this.tasks.findOne(userId, id));
  }

  /**
   * Creates a task. With an Idempotency-Key, a repeat of the same body answers
   * the first response again; another body is refused, as is a repeat while
   * the first is still running.
   */
  async create(userId: string, input: CreateTaskDto, idempotency?: { key: string; json: unknown }): Promise<CreateResult> {
    const {
      title,
      description = null,
      completed = false,
      priority = 'medium',
      dueDate = null,
      labels = [],
      recurrence = null,
      remindAt = null,
    } = normalise(input) as NewTask;
    // A task created already completed creates no next occurrence: it did not become completed.
    if (recurrence !== null && dueDate === null) throw new RecurrenceNeedsDueDateError();
    const task: NewTask = { title, description, completed, priority, dueDate, labels, recurrence, remindAt };
    if (!idempotency) return { ...result(await this.tasks.insert(userId, task)), status: 201, replayed: false };

    const fingerprint = createHash('sha256').update(canonicalJson(idempotency.json)).digest('base64url');
    const claim = await this.idempotencyKeys.claim(userId, idempotency.key, fingerprint);
    if (claim.state !== 'claimed') {
      if (claim.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      if (claim.state === 'in-flight') throw new IdempotencyKeyInFlightError();
      return { task: claim.body as Task, etag: claim.etag, status: claim.status, replayed: true };
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const created = result(await this.tasks.insert(userId, task, manager));
        await this.idempotencyKeys.complete(manager, userId, idempotency.key, 201, created.task, created.etag);
        return { ...created, status: 201, replayed: false };
      });
    } catch (error) {
      await this.idempotencyKeys.release(userId, idempotency.key).catch(() => undefined);
      throw error;
    }
  }

  async update(userId: string, id: string, changes: UpdateTaskDto, condition: VersionCondition): Promise<TaskResult> {
    if (changes.recurrence && changes.dueDate === null) throw new RecurrenceNeedsDueDateError();
    return written(await this.tasks.update(userId, id, normalise(changes), condition));
  }

  async complete(userId: string, id: string, change: CompletionChange, condition: VersionCondition): Promise<TaskResult> {
    return written(await this.tasks.complete(userId, id, change, condition));
  }

  /** One action on up to 100 tasks, in one transaction; ids are compared (and answered) in lower case. */
  async bulk(userId: string, request: BulkTaskDto): Promise<BulkTaskResult> {
    const ids = request.ids.map((id) => id.toLowerCase());
    return this.tasks.bulk(userId, request.action, ids, request.label?.trim());
  }

  async delete(userId: string, id: string, condition: VersionCondition): Promise<void> {
    await this.tasks.delete(userId, id, condition);
  }
}
