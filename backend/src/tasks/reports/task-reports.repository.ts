import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SUMMARY_DAYS, TASK_PRIORITIES, TaskSummary } from '@taskgate/api-contract';
import { Repository } from 'typeorm';
import { runPrepared } from '../../database/prepared-statements';
import { TaskEntity } from '../task.entity';
import { TASK_COLUMNS, TaskRow, taskTotals } from '../task-sql';

/** Where an export batch ended: the next one starts after this task in the export's order. */
export interface ExportPosition {
  createdAt: string;
  id: string;
}

/**
 * The read-only views of all of a user's tasks: the export, in batches, and
 * the summary. Both read through the same per-user indexes as the list.
 */
@Injectable()
export class TaskReportsRepository {
  constructor(@InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>) {}

  /**
   * Up to `size` tasks in the export's order (newest first, ties by id, as the
   * default list), after `after`. Each batch is its own short statement: a
   * slow download holds no transaction or connection open, and every task
   * that exists throughout the export is in it exactly once (created_at and
   * id never change).
   */
  async exportBatch(userId: string, size: number, after?: ExportPosition): Promise<TaskRow[]> {
    const params: unknown[] = [userId, size];
    let past = '';
    if (after) {
      params.push(after.createdAt, after.id);
      past = ' AND created_at <= $3::timestamptz AND (created_at < $3::timestamptz OR id > $4)';
    }
    // Each batch starts past the last one's createdAt and id (createdAt holds created_at exactly, to the millisecond).
    const { rows } = await runPrepared<TaskRow>(
      this.tasks.manager,
      `SELECT ${TASK_COLUMNS}
       FROM tasks WHERE user_id = $1${past}
       ORDER BY created_at DESC, id ASC LIMIT $2`,
      params,
    );
    return rows;
  }

  /**
   * The summary in one statement (one snapshot). The totals are counted as
   * the list's are (task-sql.ts, taskTotals); overdue and due today from the due-date
   * index; the days from the completed ones.
   */
  async summary(userId: string, today: string): Promise<TaskSummary> {
    const pendingOf = TASK_PRIORITIES.map((priority) => `${taskTotals(` AND priority = '${priority}'`).pending} AS "${priority}"`);
    const totals = taskTotals();
    const { rows } = await runPrepared<Record<string, string> & { days: { date: string; count: number }[] }>(
      this.tasks.manager,
      `SELECT
         ${totals.all} AS total,
         ${totals.completed} AS completed,
         (SELECT count(*) FROM tasks WHERE user_id = $1 AND due_date < $2::date AND NOT completed) AS overdue,
         (SELECT count(*) FROM tasks WHERE user_id = $1 AND due_date = $2::date AND NOT completed) AS "dueToday",
         ${pendingOf.join(',\n         ')},
         (SELECT json_agg(json_build_object('date', to_char(day, 'YYYY-MM-DD'), 'count', coalesce(done.count, 0)) ORDER BY day)
            FROM generate_series($2::date - $3::int, $2::date, interval '1 day') AS day
            LEFT JOIN (
              SELECT (completed_at AT TIME ZONE 'UTC')::date AS date, count(*)::int AS count FROM tasks
              WHERE user_id = $1 AND completed
                AND completed_at >= ($2::date - $3::int)::timestamp AT TIME ZONE 'UTC'
                AND completed_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
              GROUP BY 1
            ) AS done ON done.date = day::date) AS days`,
      [userId, today, SUMMARY_DAYS - 1],
    );
    const row = rows[0];
    const byPriority = Object.fromEntries(TASK_PRIORITIES.map((priority) => [priority, Number(row[priority])])) as TaskSummary['byPriority'];
    const total = Number(row['total']);
    const completed = Number(row['completed']);
    return {
      total,
      pending: total - completed,
      completed,
      overdue: Number(row['overdue']),
      dueToday: Number(row['dueToday']),
      byPriority,
      completedPerDay: row.days,
    };
  }
}
