import { Task, TaskSortField } from '@taskgate/api-contract';

/**
 * The SQL fragments every statement on `tasks` shares, in one place: the
 * columns a task is answered with, what every change does to its version,
 * the list's cursor keys, a user's totals, and a task's label array changed
 * by one label (added, removed, renamed). Used by the tasks, labels and
 * reports repositories.
 */

/**
 * The columns every statement answers a task with: a {@link TaskRow}. The
 * dates and timestamps arrive as the API's ISO strings, read from
 * PostgreSQL's own text by the statements' value parsers
 * (database/iso-values.ts), not formatted here.
 */
export const TASK_COLUMNS = `
  id, user_id AS "userId", title, description, completed, priority,
  due_date AS "dueDate", completed_at AS "completedAt", created_at AS "createdAt", updated_at AS "updatedAt",
  labels,
  CASE WHEN recurrence_every IS NOT NULL
    THEN json_build_object('every', recurrence_every, 'interval', recurrence_interval) END AS recurrence,
  remind_at AS "remindAt",
  version`;

/** A task row as {@link TASK_COLUMNS} answers it: API field names, dates as ISO text, and the version. */
export interface TaskRow extends Task {
  version: number;
}

// Every change moves updated_at forward by at least a millisecond, so two
// changes within one millisecond still read as two.
export const TOUCH = `version = t.version + 1, updated_at = GREATEST(now(), t.updated_at + interval '1 millisecond')`;

/**
 * Each sort key as a cursor carries it, and as the keyset condition reads it
 * back (`param`). Where a field of the row already holds the key exactly, the
 * cursor takes it from the row (`field`): the timestamps are stored to the
 * millisecond, as the fields show them. Only the title's key, PostgreSQL's
 * own lower-casing, is selected (`select`): a key formatted once more for
 * each of the page's 51 rows cost the list statement 7–20 % of its rate
 * (bench/README.md, "A list's statement").
 */
export type CursorKey = { param: string } & ({ field: 'createdAt' | 'updatedAt' | 'dueDate' | 'priority' } | { select: string });

export const CURSOR_KEYS: Record<TaskSortField, CursorKey> = {
  created: { field: 'createdAt', param: '::timestamptz' },
  updated: { field: 'updatedAt', param: '::timestamptz' },
  title: { select: 'lower(title) COLLATE "C"', param: '' },
  dueDate: { field: 'dueDate', param: '::date' },
  priority: { field: 'priority', param: '::task_priority' },
};

/**
 * SQL for a user's task totals that reads no task's data (issue 20): every
 * task from task_counts, kept by triggers in each write's transaction
 * (migration 1764900000000); the completed ones counted from the index that
 * holds only them (tasks_user_completed_idx); the pending ones the
 * difference. `$1` is the user id; `ofPriority` an optional
 * ` AND priority = …` condition. The list's X-Total-Count and the summary
 * both count this way.
 */
export function taskTotals(ofPriority = ''): { all: string; completed: string; pending: string } {
  const all = `(SELECT coalesce(sum(tasks), 0) FROM task_counts WHERE user_id = $1${ofPriority})`;
  const completed = `(SELECT count(*) FROM tasks WHERE user_id = $1 AND completed${ofPriority})`;
  return { all, completed, pending: `(${all} - ${completed})` };
}

/**
 * The tasks whose owner, title and description take at most 850 bytes:
 * those tasks_user_search_count_idx holds (migration 1765300000000, which
 * says why the bound). Word for word as the index's predicate, or
 * PostgreSQL no longer sees that the index applies.
 */
const TEXT_BYTES = `octet_length(user_id) + octet_length(title) + octet_length(coalesce(description, ''))`;
const SHORT_TEXT = `${TEXT_BYTES} <= 850`;
const LONG_TEXT = `${TEXT_BYTES} > 850`;

/**
 * SQL counting a user's tasks that meet `matches` (conditions on `tasks`).
 * With a search, in two parts that add up to every task: the tasks of short
 * text counted from the index that holds their lowercased text, without
 * reading a task (a word in all of 100,000 tasks: 65 -> 28 ms,
 * bench/README.md "Data scale"), and the few others read as before.
 */
export function countMatches(matches: string, searching: boolean): string {
  if (!searching) return `(SELECT count(*) FROM tasks WHERE ${matches})`;
  return `((SELECT count(*) FROM tasks WHERE ${matches} AND ${SHORT_TEXT})
    + (SELECT count(*) FROM tasks WHERE ${matches} AND ${LONG_TEXT}))`;
}

/** Labels are kept sorted by lower case, code point by code point. */
const LABEL_ORDER = `ORDER BY lower(l) COLLATE "C"`;

/** The task's labels with `label` (an SQL expression) added, in label order. */
export function labelsWith(label: string): string {
  return `ARRAY(SELECT l FROM unnest(t.labels || ${label}) AS l ${LABEL_ORDER})`;
}

/** The task's labels without the one whose lower-cased key is `key` (an SQL expression), in label order. */
export function labelsWithout(key: string): string {
  return `ARRAY(SELECT l FROM unnest(t.labels) AS l WHERE lower(l) <> ${key} ${LABEL_ORDER})`;
}

/**
 * The task's labels with the one whose lower-cased key is `key` renamed to
 * `name` (SQL expressions), in label order. A task that already carries
 * `name` in some spelling keeps one of the two, `name` itself first.
 */
export function labelsRenamed(key: string, name: string): string {
  return `ARRAY(
    SELECT l FROM (
      SELECT DISTINCT ON (lower(l) COLLATE "C") l
      FROM (SELECT CASE WHEN lower(l) = ${key} THEN ${name} ELSE l END AS l FROM unnest(t.labels) AS l) renamed
      ORDER BY lower(l) COLLATE "C", l <> ${name}) kept
    ${LABEL_ORDER})`;
}
