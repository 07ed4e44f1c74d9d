import { ParamMap } from '@angular/router';
import { today as localToday } from './task-validators';
import { DEFAULT_SORT, TaskView, ViewQuery, ViewSort, fixedStatus, viewQuery, viewSort } from './task-views';
import {
  SORT_ORDERS,
  TASK_PRIORITIES,
  TASK_SORT_FIELDS,
  TASK_STATUS_FILTERS,
  type ListTasksQuery,
  type SortOrder,
  type TaskPriority,
  type TaskSortField,
  type TaskStatusFilter,
} from '@taskgate/api-contract';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** What the list shows, kept in the URL so reload, back and links keep it. */
export interface TaskListState {
  status: TaskStatusFilter;
  q: string;
  priority: TaskPriority | '';
  sort: TaskSortField;
  order: SortOrder;
  /** 1-based. */
  page: number;
  size: number;
  /** The navigation view the list belongs to; absent for the Inbox (every task). */
  view?: TaskView;
  /** The view's own filters, its dates resolved in the person's time zone when the URL was read. */
  preset?: ViewQuery;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * The list state a URL asks for. In a view (`/tasks/overdue`, …) the view's
 * preset is resolved against `today` (the person's own date) and a status the
 * view fixes wins over the URL's, so the list never shows contradictory filters.
 */
export function readListState(params: ParamMap, view?: TaskView, today?: string): TaskListState {
  const size = positive(params.get('size'), DEFAULT_PAGE_SIZE);
  const inView = view && view.name !== 'inbox' ? { view, preset: viewQuery(view, today ?? localToday()) } : {};
  return {
    status: fixedStatus(view) ?? oneOf(params.get('status'), TASK_STATUS_FILTERS, 'all'),
    q: params.get('q') ?? '',
    priority: oneOf<TaskPriority | ''>(params.get('priority'), TASK_PRIORITIES, ''),
    sort: oneOf(params.get('sort'), TASK_SORT_FIELDS, viewSort(view).sort),
    order: oneOf(params.get('order'), SORT_ORDERS, viewSort(view).order),
    page: positive(params.get('page'), 1),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    ...inView,
  };
}

/** The API query for a list state: defaults and blanks left out. */
export function toListQuery(state: TaskListState): ListTasksQuery {
  const q = state.q.trim();
  return {
    status: state.status === 'all' ? undefined : state.status,
    q: q || undefined,
    priority: state.priority || undefined,
    sort: state.sort === 'created' ? undefined : state.sort,
    order: state.order === 'desc' ? undefined : state.order,
    limit: state.size,
    offset: state.page > 1 ? (state.page - 1) * state.size : undefined,
    ...state.preset,
  };
}

/**
 * URL query params for a state: defaults dropped (null removes them from the
 * URL); `sorted` is the view's own default order (Upcoming: by due date).
 */
export function toQueryParams(state: Partial<TaskListState>, sorted: ViewSort = DEFAULT_SORT): Record<string, string | number | null> {
  const params: Record<string, string | number | null> = {};
  if ('status' in state) params['status'] = state.status === 'all' ? null : state.status ?? null;
  if ('q' in state) params['q'] = state.q?.trim() ? state.q.trim() : null;
  if ('priority' in state) params['priority'] = state.priority || null;
  if ('sort' in state) params['sort'] = state.sort === sorted.sort ? null : state.sort ?? null;
  if ('order' in state) params['order'] = state.order === sorted.order ? null : state.order ?? null;
  if ('page' in state) params['page'] = state.page && state.page > 1 ? state.page : null;
  if ('size' in state) params['size'] = state.size === DEFAULT_PAGE_SIZE ? null : state.size ?? null;
  return params;
}
