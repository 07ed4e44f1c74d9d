import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, linkedSignal, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router } from '@angular/router';
import type { SortOrder, Task, TaskPriority, TaskSortField } from '@taskgate/api-contract';
import { Subject, catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { problemMessage } from '../shared/problem-message';
import { TaskApi, TaskPage } from './task-api';
import { TaskListState, readListState, toListQuery, toQueryParams } from './task-query';
import { today } from './task-validators';

type LoadResult = { query: TaskListState } & ({ ok: true; page: TaskPage } | { ok: false; error: unknown });

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

  private readonly query$ = this.route.queryParamMap.pipe(map(readListState));
  private readonly reload$ = new Subject<void>();
  private readonly loaded = signal<TaskPage>({ tasks: [], total: 0 });
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

  /** What the list shows, as the URL says. */
  readonly query = toSignal(this.query$, { requireSync: true });
  /** The search box's text; written to the URL once the user pauses. */
  readonly search = this.searchText.asReadonly();
  /** The tasks of the current page, in the API's order. */
  readonly tasks = computed(() => this.loaded().tasks);
  /** Matches of the query before paging. */
  readonly total = computed(() => this.loaded().total);
  readonly loading = this.loadingState.asReadonly();
  /** Why the last load failed, for people; null after a good one. */
  readonly loadError = this.loadErrorState.asReadonly();
  /** Ids with a toggle on its way, to avoid double submits. */
  readonly toggling = this.togglingState.asReadonly();
  /** `YYYY-MM-DD` in the user's time zone, renewed on each reload (overdue marks). */
  readonly today = this.todayState.asReadonly();
  /** True when the query hides some tasks (the empty state says so). */
  readonly filtered = computed(() => {
    const { status, q, priority } = this.query();
    return status !== 'all' || !!q.trim() || !!priority;
  });

  constructor() {
    // Each query and each reload asks again; a newer request drops the answer of an older one.
    combineLatest([this.query$, this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([query]) => {
          this.loadingState.set(true);
          this.loadErrorState.set(null);
          return this.api.list(toListQuery(query)).pipe(
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

  /** `page` is 1-based. */
  setPage(page: number, size: number): void {
    this.navigate({ page, size });
  }

  /** Asks for the current query again. */
  reload(): void {
    this.todayState.set(today());
    this.reload$.next();
  }

  /** Optimistic: flips at once, rolls back with a message if the API refuses. */
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
          this.replace(updated);
        },
        error: (error: unknown) => {
          this.setToggling(task.id, false);
          this.patch(task.id, { completed: task.completed });
          if (error instanceof HttpErrorResponse && error.status === 404) {
            this.snackBar.open(`“${task.title}” no longer exists.`, 'Dismiss', { duration: 6000 });
            this.reload();
            return;
          }
          this.snackBar.open(`Could not update “${task.title}”. ${problemMessage(error)}`, 'Dismiss', {
            duration: 8000,
          });
        },
      });
  }

  /** Deletes at once (the caller has asked for confirmation), then reloads. */
  remove(task: Task): void {
    this.api.remove(task.id).subscribe({
      next: () => {
        this.snackBar.open(`Deleted “${task.title}”.`, undefined, { duration: 4000 });
        this.loaded.update(({ tasks, total }) => ({
          tasks: tasks.filter((t) => t.id !== task.id),
          total: Math.max(0, total - 1),
        }));
        // Past the last page after removing its only task: step back one page.
        const { page, size } = this.query();
        if (this.tasks().length === 0 && page > lastPage(this.total(), size)) {
          this.navigate({ page: page - 1 });
        } else {
          this.reload();
        }
      },
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 404) {
          this.reload();
          return;
        }
        this.snackBar.open(`Could not delete “${task.title}”. ${problemMessage(error)}`, 'Dismiss', {
          duration: 8000,
        });
      },
    });
  }

  /** After the form dialog created a task: says so and reloads, so it shows where the sort puts it. */
  showCreated(task: Task): void {
    this.snackBar.open(`Created “${task.title}”.`, undefined, { duration: 4000 });
    this.reload();
  }

  /** After the form dialog saved a task: says so and reloads, since the change may move it. */
  showUpdated(task: Task): void {
    this.snackBar.open(`Saved “${task.title}”.`, undefined, { duration: 4000 });
    this.reload();
  }

  private show(result: LoadResult): void {
    this.loadingState.set(false);
    if (!result.ok) {
      this.loadErrorState.set(problemMessage(result.error, 'The tasks could not be loaded.'));
      return;
    }
    this.loaded.set(result.page);
    // A page past the end (e.g. after deletes elsewhere): go to the last one.
    const { page, size } = result.query;
    const last = lastPage(result.page.total, size);
    if (result.page.tasks.length === 0 && page > last) this.navigate({ page: last });
  }

  private patch(id: string, change: Partial<Task>): void {
    this.loaded.update((loaded) => ({
      ...loaded,
      tasks: loaded.tasks.map((t) => (t.id === id ? { ...t, ...change } : t)),
    }));
  }

  private replace(task: Task): void {
    this.loaded.update((loaded) => ({
      ...loaded,
      tasks: loaded.tasks.map((t) => (t.id === task.id ? task : t)),
    }));
  }

  private setToggling(id: string, on: boolean): void {
    this.togglingState.update((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  private navigate(change: Partial<TaskListState>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: toQueryParams(change),
      queryParamsHandling: 'merge',
      // Typing must not leave one history entry per pause.
      replaceUrl: 'q' in change,
    });
  }
}

function lastPage(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
