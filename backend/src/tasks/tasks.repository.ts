import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { BulkAction, BulkTaskResult, LABELS_PER_TASK_MAX, TaskSortField } from '@taskgate/api-contract';
import { EntityManager, Repository } from 'typeorm';
import { runPlannedEachTime, runPrepared } from '../database/prepared-statements';
import { retryingDeadlocks } from '../database/retry-deadlocks';
import { BatchedTaskWrites } from './batched-task-writes';
import { nextDueDate, nextRemindAt } from './domain/recurrence';
import { CompletionChange, NewTask, TaskChanges, VersionCondition } from './domain/task-write';
import { RecurrenceNeedsDueDateError, TaskNotFoundError, TaskVersionMismatchError, TooManyLabelsError } from './domain/task.errors';
import { LabelsRepository } from './labels.repository';
import { ListPosition } from './list-cursor';
import { ListTasksCriteria } from './list-tasks-query.pipe';
import { TaskEntity } from './task.entity';
import { countMatches, CURSOR_KEYS, labelsWith, labelsWithout, TASK_COLUMNS, TaskRow, taskTotals, TOUCH } from './task-sql';

/** A written task and, when the write completed a recurring task, its next occurrence's id. */
export interface WriteResult {
  row: TaskRow;
  nextTaskId?: string;
}

const SORT_EXPRESSIONS: Record<TaskSortField, string> = {
  created: 'created_at',
  updated: 'updated_at',
  title: 'lower(title) COLLATE "C"',
  dueDate: 'due_date',
  priority: 'priority',
};

/** `%` and `_` in a search are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const BULK_SCOPE = `t.user_id = $1 AND t.id = ANY($2::uuid[])`;

/**
 * What each bulk action does to the caller's tasks among `$2` (user `$1`;
 * `$3` the label, for the label actions), as one statement. Only a
 * completion answers its rows: the recurring ones among them get their next
 * occurrence.
 */
const BULK_CHANGES: Record<BulkAction, string> = {
  complete: `UPDATE tasks t SET completed = true, completed_at = now(), ${TOUCH} WHERE ${BULK_SCOPE} AND NOT t.completed RETURNING ${TASK_COLUMNS}`,
  reopen: `UPDATE tasks t SET completed = false, completed_at = NULL, ${TOUCH} WHERE ${BULK_SCOPE} AND t.completed`,
  delete: `DELETE FROM tasks t WHERE ${BULK_SCOPE}`,
  addLabel: `UPDATE tasks t SET labels = ${labelsWith('$3::text')}, ${TOUCH}
    WHERE ${BULK_SCOPE} AND NOT t.label_keys @> ARRAY[lower($3::text)]`,
  removeLabel: `UPDATE tasks t SET labels = ${labelsWithout('lower($3)')}, ${TOUCH}
    WHERE ${BULK_SCOPE} AND t.label_keys @> ARRAY[lower($3::text)]`,
};

/**
 * The tasks table. Every statement is scoped to one owner, so another user's
 * task is indistinguishable from a missing one, and every change is a single
 * conditional statement, so concurrent writers never lose an update. Every
 * statement is a prepared one (see runPrepared): texts vary only by
 * which fixed fragments they combine, never by a value.
 */
@Injectable()
export class TasksRepository {
  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly labels: LabelsRepository,
    /** Creates without labels and changes of `completed`: those of one turn of the event loop in one statement each. */
    private readonly batched: BatchedTaskWrites,
  ) {}

  private query<Row extends object = TaskRow>(text: string, params: unknown[], manager = this.tasks.manager) {
    return runPrepared<Row>(manager, text, params);
  }

  private queryPlannedEachTime<Row extends object = TaskRow>(text: string, params: unknown[]) {
    return runPlannedEachTime<Row>(this.tasks.manager, text, params);
  }

  /**
   * A search, planned for its word, with PostgreSQL told for this statement
   * alone that a page read at random costs about what one read in order
   * does (`random_page_cost` 1.1, its usual advice for data in memory or on
   * SSD; the default of 4 is a spinning disk's). At 4 it counted a rare word
   * through all 100,000 entries of the search count's index (37.8 ms) rather
   * than the ~100 rows the trigram index finds (1.7 ms). Set for every
   * statement, it slowed the summary's plan (24 -> 30 ms at 100,000 tasks),
   * so only searches set it, in a transaction of their own (bench/README.md,
   * "Data scale").
   */
  private querySearch<Row extends object = TaskRow>(text: string, params: unknown[]) {
    return this.tasks.manager.transaction(async (manager) => {
      await manager.query('SET LOCAL random_page_cost = 1.1');
      return runPlannedEachTime<Row>(manager, text, params);
    });
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
      // of 100,000 tasks: 38 -> 29 ms to count), and that the owner's
      // trigram index on lower(title) and lower(description) serves
      // (migration 1765100000000-search-by-owner).
      const pattern = `lower($${params.length})`;
      where.push(`(lower(title) LIKE ${pattern} OR lower(description) LIKE ${pattern})`);
    }
    if (query.labels !== undefined) {
      params.push(query.labels);
      // The form the partial index on (user_id, label_keys) answers.
      where.push(`label_keys <> '{}' AND label_keys @> task_label_keys($${params.length}::text[])`);
    }
    if (query.dueFrom !== undefined) {
      params.push(query.dueFrom);
      where.push(`due_date >= $${params.length}::date`);
    }
    if (query.dueTo !== undefined) {
      params.push(query.dueTo);
      where.push(`due_date <= $${params.length}::date`);
    }
    if (query.due !== undefined) where.push(query.due === 'none' ? 'due_date IS NULL' : 'due_date IS NOT NULL');
    const matches = where.join(' AND ');
    // Beyond status and priority, the totals in task_counts do not say how many match: count them.
    const counted = [query.q, query.labels, query.dueFrom, query.dueTo, query.due].some((filter) => filter !== undefined);
    // The filters' values; what follows (cursor, limit, offset) is the page's.
    const filterParams = params.slice();
    const sortKey = SORT_EXPRESSIONS[query.sort];
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const nulls = query.sort === 'dueDate' ? ' NULLS LAST' : '';
    const page = [...where];
    // The exact total, in the page's own statement (one snapshot). With a
    // search, a label or a due filter, the matches are counted (a search's
    // mostly from an index, task-sql.ts countMatches); without,
    // the totals come from task_counts (task-sql.ts, taskTotals). Never count(*) OVER
    // (): that builds every matching row before LIMIT keeps 50
    // (bench/README.md, "Data scale").
    const total = counted ? countMatches(matches, query.q !== undefined) : taskTotals(ofPriority)[query.status];
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
    // through the owner's trigram index, a common one by walking the user's tasks in
    // order. One generic plan for both picked the index for every word and
    // every user (bench/README.md, "Data scale").
    // A label is alike: a rare one through the label index, one on most tasks by the order.
    const run =
      query.q !== undefined
        ? this.querySearch.bind(this)
        : query.labels !== undefined
          ? this.queryPlannedEachTime.bind(this)
          : this.query.bind(this);
    const cursorKey = CURSOR_KEYS[query.sort];
    const { rows } = await run<TaskRow & { total: string; sortKey?: string }>(
      `SELECT ${TASK_COLUMNS}${'select' in cursorKey ? `, ${cursorKey.select} AS "sortKey"` : ''}, ${total} AS total FROM tasks
       WHERE ${page.join(' AND ')}
       ORDER BY ${sortKey} ${direction}${nulls}, id ASC
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const more = rows.length > query.limit;
    const pageRows = more ? rows.slice(0, query.limit) : rows;
    const last = pageRows.at(-1);
    const next = more && last ? { key: 'select' in cursorKey ? (last.sortKey as string) : last[cursorKey.field], id: last.id } : undefined;
    // The extra columns stay on the rows: toTaskResponse picks the contract's fields.
    const tasks: TaskRow[] = pageRows;
    if (rows.length > 0) return { rows: tasks, total: Number(rows[0].total), next };
    if (query.offset === 0 && !position) return { rows: tasks, total: 0 };
    // A page past the end carries no count: count on its own.
    const alone = await run<{ total: string }>(`SELECT ${total} AS total`, filterParams);
    return { rows: tasks, total: Number(alone.rows[0].total) };
  }

  async findOne(userId: string, id: string, manager: EntityManager = this.tasks.manager): Promise<TaskRow> {
    const { rows } = await this.query(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1 AND user_id = $2`, [id, userId], manager);
    if (rows.length === 0) throw new TaskNotFoundError(id);
    return rows[0];
  }

  /**
   * Inserts a task: with labels, in a transaction (the caller's, or one of
   * its own) that settles their spelling; without labels, in the caller's
   * transaction if it has one, else in a batch with the other creates of the
   * moment (BatchedTaskWrites).
   */
  async insert(userId: string, task: NewTask, manager?: EntityManager): Promise<TaskRow> {
    if (!manager && task.labels.length === 0) return this.batched.insert(userId, task).catch(rethrowAsDomainError);
    return this.inTransaction(manager, task.labels.length > 0, async (write) => {
      const labels = await this.labels.resolve(write, userId, task.labels);
      return this.insertRow(write, userId, { ...task, labels });
    });
  }

  /**
   * PUT: changes the given fields; a write that changes nothing leaves version
   * and updatedAt alone. One that completes a recurring task creates its next
   * occurrence in the same transaction.
   */
  async update(userId: string, id: string, changes: TaskChanges, condition: VersionCondition): Promise<WriteResult> {
    const completing = changes.completed === true;
    const resolving = (changes.labels?.length ?? 0) > 0;
    if (!resolving) {
      const { assignments, differences, params } = this.changeStatement(id, userId, changes, changes.labels);
      if (!completing) {
        return { row: await this.conditionalUpdate(this.tasks.manager, id, userId, assignments, differences, params, condition) };
      }
      // One statement, unless the task would become completed and recur:
      // that one takes the locked path below, which creates the next occurrence.
      const recursAfter =
        changes.recurrence === undefined ? 't.recurrence_every IS NOT NULL' : changes.recurrence === null ? 'false' : 'true';
      const versionClause = this.versionClause(condition, params);
      const row = await this.tryUpdate(
        this.tasks.manager,
        assignments,
        `(${differences}) AND (t.completed OR NOT ${recursAfter})${versionClause}`,
        params,
      );
      if (row) return { row };
    }
    return this.updateLocked(userId, id, changes, condition);
  }

  /** A PUT (or a PATCH …/complete that set `completed`) in a transaction: labels resolved, the task locked when it may become completed and recur. */
  private updateLocked(userId: string, id: string, changes: TaskChanges, condition: VersionCondition): Promise<WriteResult> {
    return this.transaction(async (write) => {
      // Labels first, tasks after: every writer takes its locks in this order.
      const labels = changes.labels === undefined ? undefined : await this.labels.resolve(write, userId, changes.labels);
      const wasCompleted = changes.completed === true ? await this.lockCompleted(write, userId, id) : undefined;
      const { assignments, differences, params } = this.changeStatement(id, userId, changes, labels);
      const row = await this.conditionalUpdate(write, id, userId, assignments, differences, params, condition);
      return this.followUp(write, userId, row, wasCompleted);
    });
  }

  /** PATCH …/complete: sets `completed` (a no-op when already so) or flips it. */
  async complete(userId: string, id: string, change: CompletionChange, condition: VersionCondition): Promise<WriteResult> {
    // The most frequent write stays one statement, shared with the other
    // changes of the moment: a reopen, or completing a task that does not
    // recur. Completing a recurring one, and a miss (no such task, a stale
    // version, no change, a task another writer holds), take the locked path.
    const row = await this.batched.setCompleted(userId, id, change === 'toggle' ? null : change.completed, condition);
    if (row) return { row };
    if (change !== 'toggle') return this.updateLocked(userId, id, { completed: change.completed }, condition);
    const flip = `completed = NOT t.completed, completed_at = CASE WHEN t.completed THEN NULL ELSE now() END, ${TOUCH}`;
    return this.transaction(async (write) => {
      const wasCompleted = await this.lockCompleted(write, userId, id);
      const locked = await this.conditionalUpdate(write, id, userId, flip, 'true', [id, userId], condition);
      return this.followUp(write, userId, locked, wasCompleted);
    });
  }

  async delete(userId: string, id: string, condition: VersionCondition): Promise<void> {
    const params: unknown[] = [id, userId];
    const versionClause = this.versionClause(condition, params);
    const { rowCount } = await this.query(`DELETE FROM tasks t WHERE t.id = $1 AND t.user_id = $2${versionClause}`, params);
    if (rowCount === 0) await this.explainMiss(this.tasks.manager, userId, id, condition);
  }

  /**
   * POST …/tasks/bulk, in one transaction: the caller's tasks among `ids`
   * (lower-case UUIDs) are locked in id order (two bulk requests never
   * deadlock), then changed by one statement; the others are `notFound`.
   * Every own task counts as changed: it is in the wanted state afterwards.
   */
  async bulk(userId: string, action: BulkAction, ids: string[], label?: string): Promise<BulkTaskResult> {
    return this.transaction(async (write) => {
      const kept = action === 'addLabel' ? (await this.labels.resolve(write, userId, [label as string]))[0] : label;
      const { rows: own } = await this.query<{ id: string; full: boolean }>(
        `SELECT id, cardinality(labels) >= ${LABELS_PER_TASK_MAX} AND NOT label_keys @> ARRAY[lower($3::text)] AS full
         FROM tasks WHERE user_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
        [userId, ids, kept ?? ''],
        write,
      );
      const found = new Set(own.map((row) => row.id));
      if (action === 'addLabel') {
        const full = own.filter((row) => row.full).map((row) => row.id);
        if (full.length > 0) throw new TooManyLabelsError(full);
      }
      const values = action === 'addLabel' || action === 'removeLabel' ? [userId, ids, kept] : [userId, ids];
      const { rows } = await this.query(BULK_CHANGES[action], values, write);
      // The rows are locked: each one a completion answers went from pending to completed here, once.
      if (action === 'complete') await this.insertNext(write, userId, rows);
      // A label added to no task is not kept (nor its spelling).
      if (action === 'addLabel') {
        await this.query(`DELETE FROM task_labels WHERE user_id = $1 AND key = lower($2::text) AND tasks = 0`, [userId, kept], write);
      }
      return {
        changed: ids.filter((id) => found.has(id)),
        notFound: ids.filter((id) => !found.has(id)),
      };
    });
  }

  private async insertRow(manager: EntityManager, userId: string, task: NewTask): Promise<TaskRow> {
    try {
      const { rows } = await this.query(
        `INSERT INTO tasks (user_id, title, description, completed, priority, due_date, completed_at,
                            labels, recurrence_every, recurrence_interval, remind_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $4 THEN now() END, $7::text[], $8::text, $9::smallint, $10::timestamptz)
         RETURNING ${TASK_COLUMNS}`,
        [
          userId,
          task.title,
          task.description,
          task.completed,
          task.priority,
          task.dueDate,
          task.labels,
          task.recurrence?.every ?? null,
          task.recurrence?.interval ?? null,
          task.remindAt,
        ],
        manager,
      );
      return rows[0];
    } catch (error) {
      throw domainErrorOf(error);
    }
  }

  /**
   * After a write: when the task has just become completed (it was not, under
   * the row lock this transaction holds) and repeats, its next occurrence.
   */
  private async followUp(manager: EntityManager, userId: string, row: TaskRow, wasCompleted?: boolean): Promise<WriteResult> {
    if (wasCompleted !== false || !row.completed) return { row };
    const [nextTaskId] = await this.insertNext(manager, userId, [row]);
    return nextTaskId ? { row, nextTaskId } : { row };
  }

  /**
   * The next occurrences of recurring tasks that were just completed (none
   * past 9999-12-31), in one statement: its label counts are locked in key
   * order once, not task by task.
   */
  private async insertNext(manager: EntityManager, userId: string, rows: TaskRow[]): Promise<string[]> {
    const next = rows.flatMap((row) => {
      if (row.recurrence === null || row.dueDate === null) return [];
      const dueDate = nextDueDate(row.dueDate, row.recurrence);
      if (dueDate === null) return [];
      return [
        {
          title: row.title,
          description: row.description,
          priority: row.priority,
          due_date: dueDate,
          labels: row.labels,
          recurrence_every: row.recurrence.every,
          recurrence_interval: row.recurrence.interval,
          remind_at: nextRemindAt(row.remindAt, row.dueDate, dueDate),
        },
      ];
    });
    if (next.length === 0) return [];
    const { rows: inserted } = await this.query<{ id: string }>(
      `INSERT INTO tasks (user_id, title, description, priority, due_date, labels, recurrence_every, recurrence_interval, remind_at)
       SELECT $1, title, description, priority, due_date, ARRAY(SELECT l FROM jsonb_array_elements_text(labels) WITH ORDINALITY AS e(l, i) ORDER BY i),
              recurrence_every, recurrence_interval, remind_at
       FROM jsonb_to_recordset($2::jsonb) AS n(title text, description text, priority task_priority, due_date date, labels jsonb,
                                               recurrence_every text, recurrence_interval smallint, remind_at timestamptz)
       RETURNING id`,
      [userId, JSON.stringify(next)],
      manager,
    );
    return inserted.map((row) => row.id);
  }

  /** Locks the task's row for this transaction and says whether it is completed (undefined: no such task). */
  private async lockCompleted(manager: EntityManager, userId: string, id: string): Promise<boolean | undefined> {
    const { rows } = await this.query<{ completed: boolean }>(
      `SELECT completed FROM tasks WHERE id = $1 AND user_id = $2 FOR UPDATE`,
      [id, userId],
      manager,
    );
    return rows[0]?.completed;
  }

  /** `work` on the caller's manager: in a transaction when `needed` and none is open yet. */
  private inTransaction<T>(manager: EntityManager | undefined, needed: boolean, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (manager) return work(manager);
    return needed ? this.transaction(work) : work(this.tasks.manager);
  }

  /** `work` in a transaction of its own, run again if PostgreSQL breaks a deadlock by aborting it. */
  private transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return retryingDeadlocks(() => this.tasks.manager.transaction(work));
  }

  /** completed_at when `completed` becomes `value`: set on true, cleared on false, else kept. */
  private completedAtAfter(value: string): string {
    return `CASE WHEN ${value} AND NOT t.completed THEN now() WHEN NOT ${value} THEN NULL ELSE t.completed_at END`;
  }

  /** The If-Match condition, its value added to `params`. */
  private versionClause(condition: VersionCondition, params: unknown[]): string {
    if (condition === undefined || condition === 'any') return '';
    params.push(condition);
    return ` AND t.version = ANY($${params.length}::int[])`;
  }

  /** The SET list and the "something differs" condition of a PUT; params start with id and user id. */
  private changeStatement(
    id: string,
    userId: string,
    changes: TaskChanges,
    labels: string[] | undefined,
  ): { assignments: string; differences: string; params: unknown[] } {
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
    if (labels !== undefined) set('labels', labels, '::text[]');
    if (changes.recurrence !== undefined) {
      set('recurrence_every', changes.recurrence?.every ?? null, '::text');
      set('recurrence_interval', changes.recurrence?.interval ?? null, '::smallint');
    }
    if (changes.remindAt !== undefined) set('remind_at', changes.remindAt, '::timestamptz');
    if (changes.completed !== undefined) {
      set('completed', changes.completed, '::boolean');
      assignments.push(`completed_at = ${this.completedAtAfter(`$${params.length}::boolean`)}`);
    }
    return { assignments: `${assignments.join(', ')}, ${TOUCH}`, differences: differences.join(' OR '), params };
  }

  private async conditionalUpdate(
    manager: EntityManager,
    id: string,
    userId: string,
    assignments: string,
    changed: string,
    params: unknown[],
    condition: VersionCondition,
  ): Promise<TaskRow> {
    const versionClause = this.versionClause(condition, params);
    const row = await this.tryUpdate(manager, assignments, `(${changed})${versionClause}`, params);
    if (row) return row;
    // Nothing updated: no such task, a stale version, or nothing to change.
    return this.explainMiss(manager, userId, id, condition);
  }

  /** UPDATE of the task $1 of user $2 where `condition` holds (it may name `t`); the row, or undefined. */
  private async tryUpdate(manager: EntityManager, assignments: string, condition: string, params: unknown[]): Promise<TaskRow | undefined> {
    try {
      const { rows } = await this.query(
        `UPDATE tasks t SET ${assignments}
         WHERE t.id = $1 AND t.user_id = $2 AND ${condition}
         RETURNING ${TASK_COLUMNS}`,
        params,
        manager,
      );
      return rows[0];
    } catch (error) {
      throw domainErrorOf(error);
    }
  }

  /** Throws the reason a conditional statement touched no row, or returns the unchanged task. */
  private async explainMiss(manager: EntityManager, userId: string, id: string, condition?: VersionCondition): Promise<TaskRow> {
    const current = await this.findOne(userId, id, manager);
    if (Array.isArray(condition) && !condition.includes(current.version)) throw new TaskVersionMismatchError(id);
    return current;
  }
}

function rethrowAsDomainError(error: unknown): never {
  throw domainErrorOf(error);
}

/** A constraint the DTOs cannot check alone (it needs the stored task) as the domain error it means. */
function domainErrorOf(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as {
    code?: string;
    constraint?: string;
  };
  if (code === '23514' && constraint === 'tasks_recurrence_needs_due_date') return new RecurrenceNeedsDueDateError();
  return error;
}

