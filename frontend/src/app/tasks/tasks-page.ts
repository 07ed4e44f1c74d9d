import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { Task, TaskPriority, TaskSortField, TaskStatusFilter } from '@taskgate/api-contract';
import { Subject, catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap, combineLatest } from 'rxjs';
import { Icon } from '../shared/icon';
import { problemMessage } from '../shared/problem-message';
import { ConfirmDeleteDialog } from './confirm-delete-dialog';
import { TaskApi } from './task-api';
import { TaskFormDialog, TaskFormData } from './task-form-dialog';
import { TaskItem } from './task-item';
import { PAGE_SIZES, TaskListState, readListState, toListQuery, toQueryParams } from './task-query';
import { today } from './task-validators';

type LoadResult = { ok: true; tasks: Task[]; total: number } | { ok: false; error: unknown };

const SEARCH_DEBOUNCE_MS = 300;

@Component({
  selector: 'app-tasks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatTabsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TaskItem,
    Icon,
  ],
  templateUrl: './tasks-page.html',
  styleUrl: './tasks-page.css',
})
export class TasksPage {
  private readonly api = inject(TaskApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly statuses: { value: TaskStatusFilter; label: string }[] = [
    { value: 'all', label: 'All' },
    { value: 'pending', label: 'Pending' },
    { value: 'completed', label: 'Completed' },
  ];
  protected readonly sortFields: { value: TaskSortField; label: string }[] = [
    { value: 'created', label: 'Created' },
    { value: 'updated', label: 'Updated' },
    { value: 'title', label: 'Title' },
    { value: 'dueDate', label: 'Due date' },
    { value: 'priority', label: 'Priority' },
  ];
  protected readonly pageSizes = PAGE_SIZES;

  protected readonly state = toSignal(this.route.queryParamMap.pipe(map(readListState)), {
    requireSync: true,
  });
  protected readonly search = signal(this.state().q);
  protected readonly tasks = signal<Task[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  /** Ids with a toggle on its way, to avoid double submits. */
  protected readonly toggling = signal<ReadonlySet<string>>(new Set());
  protected readonly today = signal(today());
  protected readonly filtered = computed(() => {
    const s = this.state();
    return s.status !== 'all' || !!s.q.trim() || !!s.priority;
  });
  protected readonly summary = computed(() => {
    const total = this.total();
    if (this.loading() || this.loadError()) return '';
    const { page, size } = this.state();
    const from = total === 0 ? 0 : (page - 1) * size + 1;
    const to = Math.min(total, (page - 1) * size + this.tasks().length);
    return total === 0 ? 'No tasks' : `Showing ${from}–${to} of ${total} tasks`;
  });

  private readonly reload$ = new Subject<void>();

  constructor() {
    combineLatest([toObservable(this.state), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([state]) => {
          this.loading.set(true);
          this.loadError.set(null);
          return this.api.list(toListQuery(state)).pipe(
            map((page): LoadResult => ({ ok: true, ...page })),
            catchError((error: unknown) => of<LoadResult>({ ok: false, error })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((result) => this.show(result));

    // Typing updates the URL (and so the list) once the user pauses.
    toObservable(this.search)
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => {
        if (q.trim() !== this.state().q.trim()) this.navigate({ q, page: 1 });
      });

    // Back/forward to another query: show its search text.
    effect(() => {
      const q = this.state().q;
      // Only the URL is tracked: tracking search() too would undo typing.
      if (q.trim() !== untracked(this.search).trim()) this.search.set(q);
    });
  }

  protected reload(): void {
    this.today.set(today());
    this.reload$.next();
  }

  protected setStatus(status: TaskStatusFilter): void {
    this.navigate({ status, page: 1 });
  }

  protected setPriority(priority: TaskPriority | ''): void {
    this.navigate({ priority, page: 1 });
  }

  protected setSort(sort: TaskSortField): void {
    this.navigate({ sort, page: 1 });
  }

  protected flipOrder(): void {
    this.navigate({ order: this.state().order === 'asc' ? 'desc' : 'asc', page: 1 });
  }

  protected changePage(event: PageEvent): void {
    this.navigate({ page: event.pageIndex + 1, size: event.pageSize });
  }

  protected statusLink(status: TaskStatusFilter) {
    return toQueryParams({ status, page: 1 });
  }

  protected openCreate(): void {
    this.openForm({});
  }

  protected openEdit(task: Task): void {
    this.openForm({ task });
  }

  /** Optimistic: flips at once, rolls back with a message if the API refuses. */
  protected toggleCompleted(task: Task): void {
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
          this.tasks.update((list) => list.map((t) => (t.id === updated.id ? updated : t)));
        },
        error: (error: unknown) => {
          this.setToggling(task.id, false);
          this.patch(task.id, { completed: task.completed });
          if (error instanceof HttpErrorResponse && error.status === 404) {
            this.snackBar.open(`“${task.title}” no longer exists.`, 'Dismiss', { duration: 6000 });
            this.reload();
            return;
          }
          this.snackBar.open(
            `Could not update “${task.title}”. ${problemMessage(error)}`,
            'Dismiss',
            { duration: 8000 },
          );
        },
      });
  }

  protected confirmDelete(task: Task): void {
    this.dialog
      .open(ConfirmDeleteDialog, { data: { title: task.title }, width: '400px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((confirmed) => {
        if (!confirmed) return;
        this.api.remove(task.id).subscribe({
          next: () => {
            this.snackBar.open(`Deleted “${task.title}”.`, undefined, { duration: 4000 });
            // Past the last page after removing its only task: step back one page.
            const { page, size } = this.state();
            if (page > 1 && this.tasks().length === 1 && (page - 1) * size >= this.total() - 1) {
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
      });
  }

  private openForm(data: TaskFormData): void {
    this.dialog
      .open(TaskFormDialog, { data, width: '560px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((saved: Task | undefined) => {
        if (!saved) return;
        this.snackBar.open(data.task ? `Saved “${saved.title}”.` : `Created “${saved.title}”.`, undefined, {
          duration: 4000,
        });
        this.reload();
      });
  }

  private show(result: LoadResult): void {
    this.loading.set(false);
    if (result.ok) {
      this.tasks.set(result.tasks);
      this.total.set(result.total);
      // A page past the end (e.g. after deletes elsewhere): go to the last one.
      const { page, size } = this.state();
      const last = Math.max(1, Math.ceil(result.total / size));
      if (result.tasks.length === 0 && page > last) this.navigate({ page: last });
    } else {
      this.loadError.set(problemMessage(result.error, 'The tasks could not be loaded.'));
    }
  }

  private patch(id: string, change: Partial<Task>): void {
    this.tasks.update((list) => list.map((t) => (t.id === id ? { ...t, ...change } : t)));
  }

  private setToggling(id: string, on: boolean): void {
    this.toggling.update((set) => {
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
      replaceUrl: 'q' in change,
    });
  }
}
