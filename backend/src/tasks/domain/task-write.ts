import { Recurrence, TaskPriority } from '@taskgate/api-contract';

/** A new task's fields, defaults applied. */
export interface NewTask {
  title: string;
  description: string | null;
  completed: boolean;
  priority: TaskPriority;
  dueDate: string | null;
  /** Trimmed; the repository swaps in the spelling the user already has. */
  labels: string[];
  recurrence: Recurrence | null;
  /** UTC, to the millisecond. */
  remindAt: string | null;
}

/** The fields a PUT changes; absent fields stay as they are. */
export type TaskChanges = Partial<NewTask>;

/**
 * What a conditional write requires of the task's version (from `If-Match`):
 * nothing, any existing version, or one of these.
 */
export type VersionCondition = undefined | 'any' | number[];

/** What `PATCH …/complete` does: set `completed`, or flip it. */
export type CompletionChange = { completed: boolean } | 'toggle';
