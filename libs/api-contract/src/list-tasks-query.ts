export const TASK_STATUS_FILTERS = ['all', 'pending', 'completed'] as const;
export type TaskStatusFilter = (typeof TASK_STATUS_FILTERS)[number];

export const TASK_SORT_FIELDS = [
  'created',
  'updated',
  'title',
  'dueDate',
  'priority',
] as const;
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 50;

/** Query parameters of `GET /api/{user_id}/tasks`; all optional. */
export interface ListTasksQuery {
  status?: TaskStatusFilter;
  /** Case-insensitive literal match in title or description. */
  q?: string;
  priority?: 'low' | 'medium' | 'high';
  sort?: TaskSortField;
  order?: SortOrder;
  limit?: number;
  offset?: number;
  /** v1.1: the opaque value of a `Link: <…&cursor=…>; rel="next"` header; never with `offset`. */
  cursor?: string;
  /** v1.1: comma-separated; tasks carrying every one of them (case-insensitive). */
  labels?: string;
  /** v1.1: inclusive `YYYY-MM-DD` bounds on `dueDate`; tasks without one never match. */
  dueFrom?: string;
  dueTo?: string;
  /** v1.1: without (`none`) or with (`any`) a due date; never with `dueFrom`/`dueTo`. */
  due?: TaskDueFilter;
}

export const TASK_DUE_FILTERS = ['none', 'any'] as const;
export type TaskDueFilter = (typeof TASK_DUE_FILTERS)[number];
