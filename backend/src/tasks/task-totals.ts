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
