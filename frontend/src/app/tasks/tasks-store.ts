import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, linkedSignal, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Reminders } from '../reminders/reminders';
import { ActivatedRoute, Router } from '@angular/router';
import type { ListTasksQuery, SortOrder, Task, TaskPriority, TaskSortField, TaskStatusFilter } from '@taskgate/api-contract';
import { Subject, catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { problemMessage } from '../shared/problem-message';
import { TaskApi, TaskPage } from './task-api';
import { TaskListState, readListState, toListQuery, toQueryParams } from './task-query';
import { today } from './task-validators';
import { INBOX, fixedStatus, viewEmptyText, viewOf, viewSort } from './task-views';
import { TaskChanges } from './task-changes';
import { PersonDay } from './person-day';

type LoadResult = { query: TaskListState } & ({ ok: true; page: TaskPage } | { ok: false; error: unknown });

/** A page of tasks and the query it answers (null before the first answer). */
interface ShownPage {
  query: TaskListState | null;
  page: TaskPage;
}

const NOTHING_SHOWN: ShownPage = { query: null, page: { tasks: [], total: 0 } };

const SEARCH_DEBOUNCE_MS = 300;

/**
 * The task list of one tasks page: the query (kept in the URL, so reload,
 * back and links keep it), the page of tasks the API answered, and the
 * changes made from the list. Provided by TasksPage, not in root: it lives
 * and dies with the page and reads the page's route.
 */
@Injectable()
export class TasksStore {
  private readonly api = inject(TaskApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  private readonly changes = inject(TaskChanges);
  private readonly personDay = inject(PersonDay);

  /** The URL's list state in the route's view (`data.view`, a label's `:name`), dates of the person's today (a new day asks again). */
  private readonly query$ = combineLatest([
    this.route.queryParamMap,
    this.route.data,
    this.route.paramMap,
    this.personDay.day$,
  ]).pipe(map(([params, data, routeParams, day]) => readListState(params, viewOf(data, routeParams), day)));
  private readonly reload$ = new Subject<void>();
  private readonly loaded = signal<ShownPage>(NOTHING_SHOWN);
  private readonly searchText = linkedSignal<TaskListState, string>({
    source: () => this.query(),
    // Back/forward to another query shows its search text; a URL change that
    // keeps the search (the debounced write of what was typed) keeps the
    // typing as it is, trailing space included.
    computation: (query, previous) =>
      previous !== undefined && previous.value.trim() === query.q.trim() ? previous.value : query.q,
  });
  private readonly loadingState = signal(true);
  private readonly loadErrorState = signal<string | null>(null);
  private readonly togglingState = signal<ReadonlySet<string>>(new Set());
  private readonly todayState = signal(today());
  /** Deleted with "Undo" still on offer: out of sight, not yet deleted (undo-delete.ts). */
  private readonly hiddenState = signal<ReadonlySet<string>>(new Set());
  /**
   * The cursor of each page reached by paging on (its predecessor's Link),
   * by list and page number: such a page is asked for by cursor, which walks
   * the index from there, never by an offset the database must count up to.
   * A page reached otherwise (a link, a reload, "last page") goes by offset.
   * Forgotten after every change made from the list, since a cursor pins
   * where a page starts and the change may have moved that.
   */
  private readonly cursors = new Map<string, string>();
  /** Told after each change, so a new or moved reminder is scheduled. */
  private readonly reminders = inject(Reminders);

  /** What the list shows, as the URL says. */
  readonly query = toSignal(this.query$, { requireSync: true });
  /** The search box's text; written to the URL once the user pauses. */
  readonly search = this.searchText.asReadonly();
  /** The tasks of the current page, in the API's order. */
  readonly tasks = computed(() => this.loaded().page.tasks.filter((t) => !this.hiddenState().has(t.id)));
  /** Matches of the query before paging. */
  readonly total = computed(() => {
    const { tasks, total } = this.loaded().page;
    return total - tasks.filter((t) => this.hiddenState().has(t.id)).length;
  });
  /**
   * True while the tasks shown answer another query than the URL's (the
   * answer to the new one is on its way): the list shows them as out of
   * date, never as the new query's results.
   */
  readonly stale = computed(() => !sameList(this.loaded().query, this.query()));
  readonly loading = this.loadingState.asReadonly();
  /** Why the last load failed, for people; null after a good one. */
  readonly loadError = this.loadErrorState.asReadonly();
  /** Ids with a toggle on its way, to avoid double submits. */
  readonly toggling = this.togglingState.asReadonly();
  /** `YYYY-MM-DD` in the user's time zone, renewed on each reload (overdue marks). */
  readonly today = this.todayState.asReadonly();
  /** The navigation view this list is (Inbox, Today, a label…). */
  readonly view = computed(() => this.query().view ?? INBOX);
  /** The status the view fixes (Upcoming, Overdue, Completed): the list then offers no status tabs. */
  readonly fixedStatus = computed(() => fixedStatus(this.query().view));
  /** The empty list's words in this view (null: the list's own). */
  readonly emptyText = computed(() => viewEmptyText(this.view()));
  /** True when the search or the priority hides some tasks (the empty state offers to clear them). */
  readonly filtered = computed(() => {
    const { q, priority } = this.query();
    return !!q.trim() || !!priority;
  });

  constructor() {
    // Each query and each reload asks again; a newer request drops the answer of an older one.
    combineLatest([this.query$, this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([query]) => {
          this.loadingState.set(true);
          this.loadErrorState.set(null);
          return this.api.list(this.apiQuery(query)).pipe(
            map((page): LoadResult => ({ query, ok: true, page })),
            catchError((error: unknown) => of<LoadResult>({ query, ok: false, error })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((result) => this.show(result));

    toObservable(this.search)
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => {
        if (q.trim() !== this.query().q.trim()) this.navigate({ q, page: 1 });
      });

    // After the person's midnight, the marks (Overdue, Due Today) follow the new day too.
    this.personDay.day$.pipe(takeUntilDestroyed()).subscribe((day) => this.todayState.set(day));
  }

  setSearch(text: string): void {
    this.searchText.set(text);
  }

  setPriority(priority: TaskPriority | ''): void {
    this.navigate({ priority, page: 1 });
  }

  setSort(sort: TaskSortField): void {
    this.navigate({ sort, page: 1 });
  }

  setOrder(order: SortOrder): void {
    this.navigate({ order, page: 1 });
  }

  /** Drops the search and the priority; the status tab, sort and page size stay. */
  clearFilters(): void {
    this.searchText.set('');
    this.navigate({ q: '', priority: '', page: 1 }, { replaceUrl: false });
  }

  /** `page` is 1-based. */
  setPage(page: number, size: number): void {
    this.navigate({ page, size });
  }

  /** Asks for the current query again. */
  reload(): void {
    this.reminders.refresh();
    this.todayState.set(today());
    this.personDay.check();
    this.reload$.next();
  }

  /** Hides tasks from the list and its count, e.g. while their delete can be undone. */
  hide(ids: readonly string[]): void {
    this.hiddenState.update((set) => new Set([...set, ...ids]));
  }

  unhide(ids: readonly string[]): void {
    this.hiddenState.update((set) => new Set([...set].filter((id) => !ids.includes(id))));
  }

  /** Tasks deleted by others than the store (undo-delete.ts): out of the list and the count, then ask again. */
  removed(ids: readonly string[]): void {
    this.changes.notify();
    this.takeOut(ids);
  }

  /**
   * Optimistic: flips at once, rolls back with a message if the API refuses.
   * Once confirmed, a task the list's status filter no longer matches (done
   * in Pending, reopened in Completed) leaves the list and the count.
   */
  toggleCompleted(task: Task): void {
    if (this.toggling().has(task.id)) return;
    const completed = !task.completed;
    this.patch(task.id, { completed });
    this.setToggling(task.id, true);
    this.api
      .setCompleted(task.id, completed)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.setToggling(task.id, false);
          this.changes.notify();
          const status = this.loaded().query?.status ?? 'all';
          if (matchesStatus(updated, status)) this.replace(updated);
          else this.takeOut([updated.id]);
        },
        error: (error: unknown) => {
          this.setToggling(task.id, false);
          this.patch(task.id, { completed: task.completed });
          if (error instanceof HttpErrorResponse && error.status === 404) {
            this.snackBar.open(`“${task.title}” no longer exists.`, 'Dismiss', { duration: 6000 });
            this.refreshAfterChange();
            return;
          }
          this.snackBar.open(`Could not update “${task.title}”. ${problemMessage(error)}`, 'Dismiss', {
            duration: 8000,
          });
        },
      });
  }

  /** After the form dialog created a task: says so and reloads, so it shows where the sort puts it. */
  showCreated(task: Task): void {
    this.snackBar.open(`Created “${task.title}”.`, undefined, { duration: 4000 });
    this.refreshAfterChange();
  }

  /** After the form dialog saved a task: says so and reloads, since the change may move it. */
  showUpdated(task: Task): void {
    this.snackBar.open(`Saved “${task.title}”.`, undefined, { duration: 4000 });
    this.refreshAfterChange();
  }

  /**
   * Asks again after a change (made from the list, a bulk action, a
   * committed delete), which may have moved where pages start: the cursors
   * are forgotten.
   */
  refreshAfterChange(): void {
    this.changes.notify();
    this.cursors.clear();
    this.reload();
  }

  /** The API query for a list state: by cursor when the page was reached by paging on. */
  private apiQuery(state: TaskListState): ListTasksQuery {
    const query = toListQuery(state);
    const cursor = this.cursors.get(pageKey(state));
    return cursor ? { ...query, offset: undefined, cursor } : query;
  }

  private show(result: LoadResult): void {
    this.loadingState.set(false);
    if (!result.ok) {
      this.loadErrorState.set(problemMessage(result.error, 'The tasks could not be loaded.'));
      // A failed reload keeps its list; another query's list must not stand in for this one's.
      if (!sameList(this.loaded().query, result.query)) this.loaded.set({ query: result.query, page: NOTHING_SHOWN.page });
      return;
    }
    this.loaded.set({ query: result.query, page: result.page });
    if (result.page.next) this.cursors.set(pageKey({ ...result.query, page: result.query.page + 1 }), result.page.next);
    // A page past the end (e.g. after deletes elsewhere): go to the last one.
    const { page, size } = result.query;
    const last = lastPage(result.page.total, size);
    if (result.page.tasks.length === 0 && page > last) this.navigate({ page: last });
  }

  private patch(id: string, change: Partial<Task>): void {
    this.updateTasks((tasks) => tasks.map((t) => (t.id === id ? { ...t, ...change } : t)));
  }

  private replace(task: Task): void {
    this.updateTasks((tasks) => tasks.map((t) => (t.id === task.id ? task : t)));
  }

  /**
   * Tasks that left the query (deleted, or no longer matching): out of the
   * list and the count at once (hidden or not), then reload to fill the page.
   */
  private takeOut(ids: readonly string[]): void {
    this.cursors.clear();
    const gone = new Set(ids);
    const before = this.loaded().page.tasks.length;
    this.updateTasks((tasks) => tasks.filter((t) => !gone.has(t.id)));
    const taken = before - this.loaded().page.tasks.length;
    if (taken > 0) {
      this.loaded.update(({ query, page }) => ({ query, page: { ...page, total: Math.max(0, page.total - taken) } }));
    }
    this.unhide(ids);
    // Past the last page after removing its only tasks: step back one page.
    const { page, size } = this.query();
    if (this.tasks().length === 0 && page > lastPage(this.total(), size)) {
      this.navigate({ page: page - 1 });
    } else {
      this.reload();
    }
  }

  private updateTasks(change: (tasks: Task[]) => Task[]): void {
    this.loaded.update(({ query, page }) => ({ query, page: { ...page, tasks: change(page.tasks) } }));
  }

  private setToggling(id: string, on: boolean): void {
    this.togglingState.update((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  private navigate(change: Partial<TaskListState>, { replaceUrl = 'q' in change } = {}): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: toQueryParams(change, viewSort(this.query().view)),
      queryParamsHandling: 'merge',
      // Typing must not leave one history entry per pause.
      replaceUrl,
    });
  }
}

/** One page of one list (filters, sort, page size), as the key of its cursor. */
function pageKey(state: TaskListState): string {
  return JSON.stringify(toListQuery(state));
}

/** True when both queries ask the API for the same list (same filters, sort and page). */
function sameList(a: TaskListState | null, b: TaskListState): boolean {
  return a !== null && pageKey(a) === pageKey(b);
}

function matchesStatus(task: Task, status: TaskStatusFilter): boolean {
  return status === 'all' || (status === 'completed') === task.completed;
}

function lastPage(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
