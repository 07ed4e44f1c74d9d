import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Task, TaskSortField } from '@taskgate/api-contract';
import { EntityManager, Repository } from 'typeorm';
import { runPlannedEachTime, runPrepared } from '../database/prepared-statements';
import { CompletionChange, NewTask, TaskChanges, VersionCondition } from './domain/task-write';
import { TaskNotFoundError, TaskVersionMismatchError } from './domain/task.errors';
import { ListPosition } from './list-cursor';
import { ListTasksCriteria } from './list-tasks-query.pipe';
import { TaskEntity } from './task.entity';

/** A task row as the queries below return it: API field names, dates as ISO text, and the version. */
export interface TaskRow extends Task {
  version: number;
}

// Formatting dates in SQL gives the API's strings directly: no Date objects
// to build and serialise again for every row.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const COLUMNS = `
  id, user_id AS "userId", title, description, completed, priority,
  to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
  to_char(completed_at AT TIME ZONE 'UTC', ${ISO}) AS "completedAt",
  to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS "createdAt",
  to_char(updated_at AT TIME ZONE 'UTC', ${ISO}) AS "updatedAt",
  version`;

// Every change moves updated_at forward by at least a millisecond, so two
// changes within one millisecond still read as two.
const TOUCH = `version = t.version + 1, updated_at = GREATEST(now(), t.updated_at + interval '1 millisecond')`;

const SORT_EXPRESSIONS: Record<TaskSortField, string> = {
  created: 'created_at',
  updated: 'updated_at',
  title: 'lower(title) COLLATE "C"',
  dueDate: 'due_date',
  priority: 'priority',
};

/**
 * Each sort key as a cursor carries it (text, to the microsecond for
 * timestamps), and as the keyset condition reads it back.
 */
const CURSOR_KEYS: Record<TaskSortField, { select: string; param: string }> = {
  created: { select: `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, param: '::timestamptz' },
  updated: { select: `to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, param: '::timestamptz' },
  title: { select: 'lower(title) COLLATE "C"', param: '' },
  dueDate: { select: `to_char(due_date, 'YYYY-MM-DD')`, param: '::date' },
  priority: { select: 'priority::text', param: '::task_priority' },
};

/** `%` and `_` in a search are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The tasks table. Every statement is scoped to one owner, so another user's
 * task is indistinguishable from a missing one, and every change is a single
 * conditional statement, so concurrent writers never lose an update. Every
 * statement is a prepared one (see runPrepared): texts vary only by
 * which fixed fragments they combine, never by a value.
 */
@Injectable()
export class TasksRepository {
  constructor(@InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>) {}

  private query<Row extends object = TaskRow>(text: string, params: unknown[], manager = this.tasks.manager) {
    return runPrepared<Row>(manager, text, params);
  }

  private queryPlannedEachTime<Row extends object = TaskRow>(text: string, params: unknown[]) {
    return runPlannedEachTime<Row>(this.tasks.manager, text, params);
  }

  /**
   * One page of the user's tasks in the query's order, the exact number of
   * matches, and where the page ended (the next page's cursor position) when
   * more follow. After `position` (a cursor) the page starts past that row;
   * else at `offset`.
   */
  async list(
    userId: string,
    query: ListTasksCriteria,
    position?: ListPosition,
  ): Promise<{ rows: TaskRow[]; total: number; next?: ListPosition }> {
    const params: unknown[] = [userId];
    const where = ['user_id = $1'];
    if (query.status !== 'all') where.push(query.status === 'completed' ? 'completed' : 'NOT completed');
    let ofPriority = '';
    if (query.priority !== undefined) {
      params.push(query.priority);
      ofPriority = ` AND priority = $${params.length}`;
      where.push(`priority = $${params.length}`);
    }
    if (query.q !== undefined) {
      params.push(likePattern(query.q));
      // What ILIKE does (PostgreSQL lowercases both sides, then LIKE), in a
      // form that lowercases the pattern once, not once a row (a word in all
      // of 100,000 tasks: 38 -> 29 ms to count), and that the trigram index
      // on lower(title) and lower(description) serves.
      const pattern = `lower($${params.length})`;
      where.push(`(lower(title) LIKE ${pattern} OR lower(description) LIKE ${pattern})`);
    }
    const matches = where.join(' AND ');
    // The filters' values; what follows (cursor, limit, offset) is the page's.
    const filterParams = params.slice();
    const sortKey = SORT_EXPRESSIONS[query.sort];
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const nulls = query.sort === 'dueDate' ? ' NULLS LAST' : '';
    const page = [...where];
    // The exact total, in the page's own statement (one snapshot). With a
    // search, the matches are counted. Without one: every task of the user
    // (of the priority) is at most three rows of task_counts, which triggers
    // keep in step with every write; the completed ones are counted from the
    // index that holds only them (tasks_user_completed_idx); the pending ones
    // are the difference (migration 1764900000000). Never count(*) OVER ():
    // that builds every matching row before LIMIT keeps 50 (bench/README.md,
    // "Data scale").
    const all = `(SELECT coalesce(sum(tasks), 0) FROM task_counts WHERE user_id = $1${ofPriority})`;
    const completed = `(SELECT count(*) FROM tasks WHERE user_id = $1 AND completed${ofPriority})`;
    const total =
      query.q !== undefined
        ? `(SELECT count(*) FROM tasks WHERE ${matches})`
        : { all, completed, pending: `(${all} - ${completed})` }[query.status];
    if (position) {
      // Past the cursor's row in ORDER BY <key> <direction> [NULLS LAST], id ASC.
      params.push(position.id);
      const id = `$${params.length}`;
      if (position.key === null) {
        page.push(`(due_date IS NULL AND id > ${id})`);
      } else {
        params.push(position.key);
        const key = `$${params.length}${CURSOR_KEYS[query.sort].param}`;
        const beyond = direction === 'ASC' ? '>' : '<';
        const orNull = query.sort === 'dueDate' ? ' OR due_date IS NULL' : '';
        // The first condition says the same as part of the second, in a form
        // an index can start its range from: without it PostgreSQL read the
        // user's index from the top and filtered (the last of 2,000 pages at
        // 100,000 tasks: 18.6 ms; with it 2 ms, bench/README.md "Data scale").
        page.push(`(${sortKey} ${beyond}= ${key}${orNull})`);
        page.push(`(${sortKey} ${beyond} ${key} OR (${sortKey} = ${key} AND id > ${id})${orNull})`);
      }
    }
    // One row more than the page tells whether another page follows.
    params.push(query.limit + 1, position ? 0 : query.offset);
    // A search is planned for its word (not prepared): a rare word is found
    // through the trigram index, a common one by walking the user's tasks in
    // order. One generic plan for both picked the index for every word and
    // every user (bench/README.md, "Data scale").
    const run = query.q === undefined ? this.query.bind(this) : this.queryPlannedEachTime.bind(this);
    const { rows } = await run<TaskRow & { total: string; sortKey: string | null }>(
      `SELECT ${COLUMNS}, ${CURSOR_KEYS[query.sort].select} AS "sortKey", ${total} AS total FROM tasks
       WHERE ${page.join(' AND ')}
       ORDER BY ${sortKey} ${direction}${nulls}, id ASC
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const more = rows.length > query.limit;
    const pageRows = more ? rows.slice(0, query.limit) : rows;
    const last = pageRows.at(-1);
    const next = more && last ? { key: last.sortKey, id: last.id } : undefined;
    // The extra columns stay on the rows: toTaskResponse picks the contract's fields.
    const tasks: TaskRow[] = pageRows;
    if (rows.length > 0) return { rows: tasks, total: Number(rows[0].total), next };
    if (query.offset === 0 && !position) return { rows: tasks, total: 0 };
    // A page past the end carries no count: count on its own.
    const counted = await run<{ total: string }>(`SELECT ${total} AS total`, filterParams);
    return { rows: tasks, total: Number(counted.rows[0].total) };
  }

  async findOne(userId: string, id: string): Promise<TaskRow> {
    const { rows } = await this.query(`SELECT ${COLUMNS} FROM tasks WHERE id = $1 AND user_id = $2`, [id, userId]);
    if (rows.length === 0) throw new TaskNotFoundError(id);
    return rows[0];
  }

  async insert(userId: string, task: NewTask, manager: EntityManager = this.tasks.manager): Promise<TaskRow> {
    const { rows } = await this.query(
      `INSERT INTO tasks (user_id, title, description, completed, priority, due_date, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $4 THEN now() END)
       RETURNING ${COLUMNS}`,
      [userId, task.title, task.description, task.completed, task.priority, task.dueDate],
      manager,
    );
    return rows[0];
  }

  /** PUT: changes the given fields; a write that changes nothing leaves version and updatedAt alone. */
  async update(userId: string, id: string, changes: TaskChanges, condition: VersionCondition): Promise<TaskRow> {
    const params: unknown[] = [id, userId];
    const assignments: string[] = [];
    const differences: string[] = [];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      assignments.push(`${column} = $${params.length}${cast}`);
      differences.push(`t.${column} IS DISTINCT FROM $${params.length}${cast}`);
    };
    if (changes.title !== undefined) set('title', changes.title);
    if (changes.description !== undefined) set('description', changes.description);
    if (changes.priority !== undefined) set('priority', changes.priority, '::task_priority');
    if (changes.dueDate !== undefined) set('due_date', changes.dueDate, '::date');
    if (changes.completed !== undefined) {
      set('completed', changes.completed, '::boolean');
      assignments.push(`completed_at = ${this.completedAtAfter(`$${params.length}::boolean`)}`);
    }
    return this.conditionalUpdate(
      id,
      userId,
      `${assignments.join(', ')}, ${TOUCH}`,
      differences.join(' OR '),
      params,
      condition,
    );
  }

  /** PATCH …/complete: sets `completed` (a no-op when already so) or flips it. */
  async complete(userId: string, id: string, change: CompletionChange, condition: VersionCondition): Promise<TaskRow> {
    if (change === 'toggle') {
      return this.conditionalUpdate(
        id,
        userId,
        `completed = NOT t.completed, completed_at = CASE WHEN t.completed THEN NULL ELSE now() END, ${TOUCH}`,
        'true',
        [id, userId],
        condition,
      );
    }
    return this.update(userId, id, { completed: change.completed }, condition);
  }

  async delete(userId: string, id: string, condition: VersionCondition): Promise<void> {
    const params: unknown[] = [id, userId];
    const versionClause = this.versionClause(condition, params);
    const { rowCount } = await this.query(`DELETE FROM tasks t WHERE t.id = $1 AND t.user_id = $2${versionClause}`, params);
    if (rowCount === 0) await this.explainMiss(userId, id, condition);
  }

  /** completed_at when `completed` becomes `value`: set on true, cleared on false, else kept. */
  private completedAtAfter(value: string): string {
    return `CASE WHEN ${value} AND NOT t.completed THEN now() WHEN NOT ${value} THEN NULL ELSE t.completed_at END`;
  }

  private versionClause(condition: VersionCondition, params: unknown[]): string {
    if (condition === undefined || condition === 'any') return '';
    params.push(condition);
    return ` AND t.version = ANY($${params.length}::int[])`;
  }

  private async conditionalUpdate(
    id: string,
    userId: string,
    assignments: string,
    changed: string,
    params: unknown[],
    condition: VersionCondition,
  ): Promise<TaskRow> {
    const versionClause = this.versionClause(condition, params);
    const { rows } = await this.query(
      `UPDATE tasks t SET ${assignments}
       WHERE t.id = $1 AND t.user_id = $2${versionClause} AND (${changed})
       RETURNING ${COLUMNS}`,
      params,
    );
    if (rows.length > 0) return rows[0];
    // Nothing updated: no such task, a stale version, or nothing to change.
    return this.explainMiss(userId, id, condition);
  }

  /** Throws the reason a conditional statement touched no row, or returns the unchanged task. */
  private async explainMiss(userId: string, id: string, condition?: VersionCondition): Promise<TaskRow> {
    const current = await this.findOne(userId, id);
    if (Array.isArray(condition) && !condition.includes(current.version)) throw new TaskVersionMismatchError(id);
    return current;
  }
}
export { COLUMNS as TASK_COLUMNS };
