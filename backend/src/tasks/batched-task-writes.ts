import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { runPrepared } from '../database/prepared-statements';
import { TurnBatcher } from '../database/turn-batcher';
import { NewTask, VersionCondition } from './domain/task-write';
import { TaskEntity } from './task.entity';
import { TASK_COLUMNS, TaskRow, TOUCH } from './task-sql';

/**
 * Inserts tasks without labels: `$1`… one array a column, a row at each
 * index. The ids are made by the caller, so that each create finds its row
 * among those returned.
 */
const INSERT_UNLABELLED = `
  INSERT INTO tasks (id, user_id, title, description, completed, priority, due_date, completed_at,
                     recurrence_every, recurrence_interval, remind_at)
  SELECT id, user_id, title, description, completed, priority, due_date, CASE WHEN completed THEN now() END,
         recurrence_every, recurrence_interval, remind_at
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::task_priority[], $7::date[],
              $8::text[], $9::smallint[], $10::timestamptz[])
    AS n(id, user_id, title, description, completed, priority, due_date, recurrence_every, recurrence_interval, remind_at)
  RETURNING ${TASK_COLUMNS}`;

/**
 * Sets `completed` on tasks, one array a field: the task, its owner, the
 * value wanted (null: the opposite of the stored one) and the versions
 * If-Match allows (an int[] literal; null: any). Each row comes back with its
 * index in the arrays (`slot`).
 *
 * It never waits: it takes the rows no other writer holds (SKIP LOCKED), so
 * one busy task delays no other request of the batch, and the batch holds
 * no lock while it waits for one (no deadlock). Only a real change that
 * needs nothing more is made here: a task that is missing, held by another
 * writer, of another version, already so, or that would become completed
 * and recur is left alone (not returned), for the locked path.
 */
const SET_COMPLETED = `
  WITH wanted AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[]) WITH ORDINALITY AS w(task_id, owner, wanted, versions, slot)
  ), free AS MATERIALIZED (
    SELECT t.id FROM tasks t JOIN wanted w ON t.id = w.task_id AND t.user_id = w.owner
    FOR UPDATE OF t SKIP LOCKED
  )
  UPDATE tasks t
  SET completed = coalesce(w.wanted, NOT t.completed),
      completed_at = CASE WHEN coalesce(w.wanted, NOT t.completed) THEN now() END, ${TOUCH}
  FROM wanted w
  WHERE t.id = w.task_id AND t.user_id = w.owner AND t.id IN (SELECT id FROM free)
    AND coalesce(w.wanted, NOT t.completed) <> t.completed
    AND (t.completed OR t.recurrence_every IS NULL)
    AND (w.versions IS NULL OR t.version = ANY(w.versions::int[]))
  RETURNING w.slot, ${TASK_COLUMNS}`;

interface Create {
  userId: string;
  task: NewTask;
}

interface Completion {
  userId: string;
  id: string;
  /** null: flip. */
  completed: boolean | null;
  condition: VersionCondition;
}

/**
 * The two most frequent writes, creating a task without labels and setting
 * or flipping `completed`, made for all the requests of one turn of the
 * event loop by one statement each (TurnBatcher, which holds the
 * measurement). Outside a transaction only: a caller with one of its own
 * writes alone.
 */
@Injectable()
export class BatchedTaskWrites {
  private readonly creates = new TurnBatcher<Create, TaskRow>((creates) => this.insertAll(creates));
  private readonly completions = new TurnBatcher<Completion, TaskRow | undefined>((completions) => this.completeAll(completions));

  constructor(@InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>) {}

  insert(userId: string, task: NewTask): Promise<TaskRow> {
    return this.creates.run({ userId, task });
  }

  /** The changed task; undefined when it was not a simple change (see SET_COMPLETED). */
  setCompleted(userId: string, id: string, completed: boolean | null, condition: VersionCondition): Promise<TaskRow | undefined> {
    return this.completions.run({ userId, id, completed, condition });
  }

  private async insertAll(creates: Create[]): Promise<(TaskRow | Error)[]> {
    const ids = creates.map(() => randomUUID());
    const column = <T>(value: (task: NewTask) => T) => creates.map(({ task }) => value(task));
    const { rows } = await runPrepared<TaskRow>(this.tasks.manager, INSERT_UNLABELLED, [
      ids,
      creates.map(({ userId }) => userId),
      column((task) => task.title),
      column((task) => task.description),
      column((task) => task.completed),
      column((task) => task.priority),
      column((task) => task.dueDate),
      column((task) => task.recurrence?.every ?? null),
      column((task) => task.recurrence?.interval ?? null),
      column((task) => task.remindAt),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? new Error(`the batch insert returned no row for ${id}`));
  }

  private async completeAll(completions: Completion[]): Promise<(TaskRow | undefined)[]> {
    const { rows } = await runPrepared<TaskRow & { slot: string }>(this.tasks.manager, SET_COMPLETED, [
      completions.map(({ id }) => id),
      completions.map(({ userId }) => userId),
      completions.map(({ completed }) => completed),
      completions.map(({ condition }) => (Array.isArray(condition) ? `{${condition.join(',')}}` : null)),
    ]);
    const results: (TaskRow | undefined)[] = new Array(completions.length);
    for (const { slot, ...row } of rows) results[Number(slot) - 1] = row;
    return results;
  }
}
