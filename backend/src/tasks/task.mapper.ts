import { Task } from '@taskgate/api-contract';
import type { TaskRow } from './task-sql';

/** The task as the API shows it: exactly the contract's fields, nothing internal (every answer and the export use this). */
export function toTaskResponse(row: TaskRow): Task {
  return {
    id: row.id,
    userId: row.userId,
    title: row.title,
    description: row.description,
    completed: row.completed,
    priority: row.priority,
    dueDate: row.dueDate,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    labels: row.labels,
    recurrence: row.recurrence,
    remindAt: row.remindAt,
  };
}
