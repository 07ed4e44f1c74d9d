/** Task priorities, lowest rank first: sorting by priority follows this order. */
export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_TITLE_MAX_LENGTH = 200;
export const TASK_DESCRIPTION_MAX_LENGTH = 1000;

/** v1.1: a label is 1–50 code points after trimming, no NUL, no comma. */
export const LABEL_MAX_LENGTH = 50;
/** v1.1: at most this many labels on one task. */
export const LABELS_PER_TASK_MAX = 20;

/** v1.1: the steps a recurring task repeats by. */
export const RECURRENCE_UNITS = ['day', 'week', 'month', 'year'] as const;
export type RecurrenceUnit = (typeof RECURRENCE_UNITS)[number];
export const RECURRENCE_INTERVAL_MAX = 365;

/** v1.1: when a completed task comes back, `interval` × `every` after its due date. */
export interface Recurrence {
  every: RecurrenceUnit;
  /** 1–365. */
  interval: number;
}

/** A task as the API returns it. Dates are ISO 8601 strings. */
export interface Task {
  id: string;
  userId: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: TaskPriority;
  /** A calendar date, `YYYY-MM-DD`. */
  dueDate: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** v1.1: sorted by lower case; the first spelling the user used is kept. */
  labels: string[];
  /** v1.1: null when the task does not repeat. */
  recurrence: Recurrence | null;
  /** v1.1: an ISO 8601 date-time in UTC, or null. */
  remindAt: string | null;
}

/** Body of `POST /api/{user_id}/tasks`. */
export interface CreateTaskRequest {
  title: string;
  description?: string | null;
  completed?: boolean;
  priority?: TaskPriority;
  dueDate?: string | null;
  labels?: string[];
  recurrence?: Recurrence | null;
  /** With `Z` or an offset. */
  remindAt?: string | null;
}

/** Body of `PUT /api/{user_id}/tasks/{id}`: any non-empty subset. */
export type UpdateTaskRequest = Partial<CreateTaskRequest>;

/** Body of `PATCH /api/{user_id}/tasks/{id}/complete`; no body flips. */
export interface SetCompletedRequest {
  completed: boolean;
}

/** v1.1: response header of a completion that created a recurring task's next occurrence. */
export const NEXT_TASK_ID_HEADER = 'X-Next-Task-Id';

/** v1.1: one entry of `GET /api/{user_id}/labels`. */
export interface LabelCount {
  name: string;
  taskCount: number;
}

/** v1.1: body of `PUT /api/{user_id}/labels/{name}`. */
export interface RenameLabelRequest {
  name: string;
}

/** v1.1: the actions of `POST /api/{user_id}/tasks/bulk`. */
export const BULK_ACTIONS = [
  'complete',
  'reopen',
  'delete',
  'addLabel',
  'removeLabel',
] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_IDS_MAX = 100;

/** v1.1: body of `POST /api/{user_id}/tasks/bulk`; `label` only and always with the label actions. */
export interface BulkTaskRequest {
  action: BulkAction;
  ids: string[];
  label?: string;
}

/** v1.1: answer of `POST /api/{user_id}/tasks/bulk`. */
export interface BulkTaskResult {
  changed: string[];
  notFound: string[];
}

/** v1.1: the formats of `GET /api/{user_id}/tasks/export`. */
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** v1.1: the days `completedPerDay` covers, ending with `today`. */
export const SUMMARY_DAYS = 14;

/** v1.1: answer of `GET /api/{user_id}/tasks/summary?today=YYYY-MM-DD`. */
export interface TaskSummary {
  total: number;
  pending: number;
  completed: number;
  /** Pending with a due date before `today`. */
  overdue: number;
  dueToday: number;
  /** Pending tasks by priority. */
  byPriority: Record<TaskPriority, number>;
  /** The 14 days ending `today`, oldest first, by `completedAt`'s UTC date; zeros included. */
  completedPerDay: { date: string; count: number }[];
}
