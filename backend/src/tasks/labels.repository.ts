import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LabelCount } from '@taskgate/api-contract';
import { DataSource, EntityManager } from 'typeorm';
import { runPrepared } from '../database/prepared-statements';
import { retryingDeadlocks } from '../database/retry-deadlocks';
import { LabelNotFoundError } from './domain/task.errors';
import { labelsRenamed, labelsWithout, TOUCH } from './task-sql';

/**
 * A rename or delete rewrites every task carrying the label, in one
 * statement: on 50,000 tasks that is longer than the request path's 1.5 s
 * bound, so these transactions get this one instead (docs/architecture.md).
 */
const LABEL_REWRITE_TIMEOUT_MS = 30_000;

/** Labels answered sorted by lower case, code point by code point, whatever the database's collation. */
const BY_KEY = `key COLLATE "C"`;

/**
 * The user's labels: `task_labels` holds, per lower-cased key, the spelling
 * the user first used and how many tasks carry it (kept by triggers on
 * tasks, migration 1765000000000); `tasks.labels` holds the spellings.
 *
 * Lock order, for every writer: label rows a write adds are settled first
 * (resolve takes no lock on an existing row), then task rows, then the
 * triggers' label counts, in key order. Rename and delete lock the tasks they
 * change in id order first, like bulk.
 */
@Injectable()
export class LabelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The spellings to store for `names` (trimmed, distinct ignoring case): the
   * user's existing spelling of each, else the one given, sorted by lower
   * case. Run in the transaction that then writes the tasks.
   */
  async resolve(manager: EntityManager, userId: string, names: string[]): Promise<string[]> {
    if (names.length === 0) return [];
    // A new label's row first, so that two writers choosing two spellings at once agree on the first.
    await runPrepared(
      manager,
      `INSERT INTO task_labels (user_id, key, name, tasks)
       SELECT $1, lower(name), min(name), 0 FROM unnest($2::text[]) AS name GROUP BY 2 ORDER BY 2
       ON CONFLICT (user_id, key) DO NOTHING`,
      [userId, names],
    );
    // A statement of its own: it sees a row another writer committed meanwhile.
    const { rows } = await runPrepared<{ name: string }>(
      manager,
      `SELECT coalesce(l.name, g.name) AS name
       FROM (SELECT lower(name) AS key, min(name) AS name FROM unnest($2::text[]) AS name GROUP BY 1) g
       LEFT JOIN task_labels l ON l.user_id = $1 AND l.key = g.key
       ORDER BY g.${BY_KEY}`,
      [userId, names],
    );
    return rows.map((row) => row.name);
  }

  /** Every label on at least one of the user's tasks, with its count, sorted by lower case. */
  async list(userId: string): Promise<LabelCount[]> {
    const { rows } = await runPrepared<{ name: string; taskCount: string }>(
      this.dataSource.manager,
      `SELECT name, tasks AS "taskCount" FROM task_labels WHERE user_id = $1 AND tasks > 0 ORDER BY ${BY_KEY}`,
      [userId],
    );
    return rows.map((row) => ({ name: row.name, taskCount: Number(row.taskCount) }));
  }

  /**
   * Renames a label on every task that carries it. Into another label the
   * user has: merged (that label keeps its spelling; a task with both ends up
   * with one). Into another spelling of itself: the kept spelling changes.
   */
  async rename(userId: string, name: string, newName: string): Promise<LabelCount> {
    return retryingDeadlocks(() =>
      this.dataSource.transaction(async (manager) => {
        const from = await this.find(manager, userId, name);
        const [target] = (
          await runPrepared<{ key: string; name: string; same: boolean }>(
            manager,
            `SELECT lower($2) AS key, coalesce(l.name, $2) AS name, lower($2) = $3 AS same
           FROM (SELECT 1) one LEFT JOIN task_labels l ON l.user_id = $1 AND l.key = lower($2) AND l.tasks > 0`,
            [userId, newName, from.key],
          )
        ).rows;
        // Another spelling of the same label replaces it; a merge keeps the target's.
        const spelling = target.same ? newName : target.name;
        if (spelling !== from.name || !target.same) {
          await this.lockTasksCarrying(manager, userId, from.key);
          await runPrepared(
            manager,
            `UPDATE tasks t SET labels = ${labelsRenamed('$2', '$3')}, ${TOUCH}
           WHERE t.user_id = $1 AND t.label_keys <> '{}' AND t.label_keys @> ARRAY[$2::text]`,
            [userId, from.key, spelling],
            LABEL_REWRITE_TIMEOUT_MS,
          );
          await runPrepared(manager, `UPDATE task_labels SET name = $3 WHERE user_id = $1 AND key = $2`, [userId, target.key, spelling]);
        }
        const { rows } = await runPrepared<{ tasks: string }>(manager, `SELECT tasks FROM task_labels WHERE user_id = $1 AND key = $2`, [
          userId,
          target.key,
        ]);
        return { name: spelling, taskCount: Number(rows[0]?.tasks ?? 0) };
      }),
    );
  }

  /** Removes a label from every task that carries it. */
  async remove(userId: string, name: string): Promise<void> {
    await retryingDeadlocks(() =>
      this.dataSource.transaction(async (manager) => {
        const label = await this.find(manager, userId, name);
        await this.lockTasksCarrying(manager, userId, label.key);
        await runPrepared(
          manager,
          `UPDATE tasks t SET labels = ${labelsWithout('$2')}, ${TOUCH}
         WHERE t.user_id = $1 AND t.label_keys <> '{}' AND t.label_keys @> ARRAY[$2::text]`,
          [userId, label.key],
          LABEL_REWRITE_TIMEOUT_MS,
        );
      }),
    );
  }

  /** The label `name` names (case-insensitively), or {@link LabelNotFoundError}. */
  private async find(manager: EntityManager, userId: string, name: string): Promise<{ key: string; name: string }> {
    const { rows } = await runPrepared<{ key: string; name: string }>(
      manager,
      `SELECT key, name FROM task_labels WHERE user_id = $1 AND key = lower($2) AND tasks > 0`,
      [userId, name],
    );
    if (rows.length === 0) throw new LabelNotFoundError(name);
    return rows[0];
  }

  /**
   * Locks, in id order, the tasks carrying the label (the order bulk and
   * other renames take them in), and lets the transaction's statements run
   * up to LABEL_REWRITE_TIMEOUT_MS.
   */
  private async lockTasksCarrying(manager: EntityManager, userId: string, key: string): Promise<void> {
    await runPrepared(manager, `SELECT set_config('statement_timeout', $1, true)`, [String(LABEL_REWRITE_TIMEOUT_MS)]);
    await runPrepared(
      manager,
      `SELECT id FROM tasks WHERE user_id = $1 AND label_keys <> '{}' AND label_keys @> ARRAY[$2::text] ORDER BY id FOR UPDATE`,
      [userId, key],
      LABEL_REWRITE_TIMEOUT_MS,
    );
  }
}
