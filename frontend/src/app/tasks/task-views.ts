import type { Data, ParamMap } from '@angular/router';
import type { ListTasksQuery, SortOrder, TaskSortField, TaskStatusFilter } from '@taskgate/api-contract';

/** The navigation's views of the task list, each the list with a preset query. */
export const TASK_VIEW_NAMES = ['inbox', 'today', 'upcoming', 'overdue', 'completed', 'label'] as const;
export type TaskViewName = (typeof TASK_VIEW_NAMES)[number];

export interface TaskView {
  name: TaskViewName;
  /** The label of a label view. */
  label?: string;
}

/** What a view adds to the list's own query (filters, sort, paging). */
export type ViewQuery = Pick<ListTasksQuery, 'status' | 'dueFrom' | 'dueTo' | 'labels'>;

/** How many days Upcoming covers after today. */
export const UPCOMING_DAYS = 7;

export const INBOX: TaskView = { name: 'inbox' };

/** `day` (`YYYY-MM-DD`) moved by `days` calendar days, across month and year ends. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/**
 * A view's preset, for the person's own `today` (`YYYY-MM-DD` in their time
 * zone: the API compares calendar dates, so "today" is the client's to say).
 * Upcoming is the 7 days after today (tomorrow to today + 7): today's tasks
 * have a view of their own, and a task is never in both.
 */
export function viewQuery(view: TaskView, today: string): ViewQuery {
  switch (view.name) {
    case 'inbox':
      return {};
    case 'today':
      return { dueFrom: today, dueTo: today };
    case 'upcoming':
      return { status: 'pending', dueFrom: addDays(today, 1), dueTo: addDays(today, UPCOMING_DAYS) };
    case 'overdue':
      // API.md: overdue = status=pending&dueTo=<yesterday>.
      return { status: 'pending', dueTo: addDays(today, -1) };
    case 'completed':
      return { status: 'completed' };
    case 'label':
      return { labels: view.label ?? '' };
  }
}

/** The order a view lists in unless the person picks another: the date views soonest due first. */
export interface ViewSort {
  sort: TaskSortField;
  order: SortOrder;
}

export const DEFAULT_SORT: ViewSort = { sort: 'created', order: 'desc' };

export function viewSort(view: TaskView | undefined): ViewSort {
  return view?.name === 'upcoming' || view?.name === 'overdue' ? { sort: 'dueDate', order: 'asc' } : DEFAULT_SORT;
}

/** The status a view fixes (its list then offers no status tabs), if any. */
export function fixedStatus(view: TaskView | undefined): TaskStatusFilter | undefined {
  return view ? viewQuery(view, '2000-01-01').status : undefined;
}

const TITLES: Record<Exclude<TaskViewName, 'label'>, string> = {
  inbox: 'Inbox',
  today: 'Today',
  upcoming: 'Upcoming',
  overdue: 'Overdue',
  completed: 'Completed',
};

export function viewTitle(view: TaskView): string {
  return view.name === 'label' ? `Label: ${view.label ?? ''}` : TITLES[view.name];
}

/** The router link of a view. */
export function viewLink(view: TaskView): string[] {
  if (view.name === 'inbox') return ['/tasks'];
  if (view.name === 'label') return ['/tasks', 'label', view.label ?? ''];
  return ['/tasks', view.name];
}

/** The view a route names: `data.view`, and the label from the `:name` parameter. */
export function viewOf(data: Data, params: ParamMap): TaskView {
  const name = (TASK_VIEW_NAMES as readonly string[]).includes(data['view']) ? (data['view'] as TaskViewName) : 'inbox';
  return name === 'label' ? { name, label: params.get('name') ?? '' } : { name };
}

/** The empty list's words in a view; null where the list's own wording fits (the Inbox). */
export function viewEmptyText(view: TaskView): string | null {
  switch (view.name) {
    case 'today':
      return 'Nothing is due today.';
    case 'upcoming':
      return `Nothing is due in the next ${UPCOMING_DAYS} days.`;
    case 'overdue':
      return 'Nothing is overdue. Well done!';
    case 'completed':
      return 'No completed tasks yet.';
    case 'label':
      return `No tasks carry the label “${view.label ?? ''}”.`;
    default:
      return null;
  }
}

/** `YYYY-MM-DD` as the person's locale writes a short date ("Dec 11"); a calendar day, so formatted in UTC. */
function shortDate(day: string, locale?: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
}

/** One line under the view's heading saying what it lists, with its dates. */
export function viewHint(view: TaskView, today: string, locale?: string): string {
  switch (view.name) {
    case 'inbox':
      return 'All your tasks.';
    case 'today':
      return `Tasks due today, ${shortDate(today, locale)}.`;
    case 'upcoming':
      return `Pending tasks due in the next ${UPCOMING_DAYS} days: ${shortDate(addDays(today, 1), locale)} to ${shortDate(addDays(today, UPCOMING_DAYS), locale)}.`;
    case 'overdue':
      return `Pending tasks due before today, ${shortDate(today, locale)}.`;
    case 'completed':
      return 'Tasks you have completed.';
    case 'label':
      return `Tasks labelled “${view.label ?? ''}”.`;
  }
}
