import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Task, TaskStatusFilter } from '@taskgate/api-contract';
import { Icon } from '../shared/icon';
import { TaskItem } from './task-item';
import { PAGE_SIZES } from './task-query';

/** A page of tasks with its loading, error and empty states and the pager. */
@Component({
  selector: 'app-task-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatPaginatorModule, MatProgressBarModule, TaskItem, Icon],
  templateUrl: './task-list.html',
  styleUrl: './task-list.css',
})
export class TaskList {
  readonly tasks = input.required<readonly Task[]>();
  /** Matches before paging. */
  readonly total = input.required<number>();
  /** 1-based. */
  readonly page = input.required<number>();
  readonly size = input.required<number>();
  readonly loading = input.required<boolean>();
  /** The tasks answer an earlier query; the answer to the current one is on its way. */
  readonly stale = input(false);
  /** Why the list could not be loaded; shown with a retry. */
  readonly error = input<string | null>(null);
  /** A search or a priority hides some tasks: the empty state says so and offers to clear them. */
  readonly filtered = input(false);
  /** The status tab, for the empty state's words. */
  readonly status = input<TaskStatusFilter>('all');
  /** The empty state's words in a navigation view (Today, Overdue…); null: the status tab's. */
  readonly emptyText = input<string | null>(null);
  /** `YYYY-MM-DD` in the user's time zone. */
  readonly today = input.required<string>();
  /** Ids whose toggle is on its way. */
  readonly toggling = input<ReadonlySet<string>>(new Set());
  readonly toggleCompleted = output<Task>();
  readonly edit = output<Task>();
  readonly remove = output<Task>();
  /** The page (1-based) and page size chosen in the pager. */
  readonly pageChange = output<{ page: number; size: number }>();
  readonly retry = output<void>();
  readonly clearFilters = output<void>();
  /** Select mode: a box on each row and "Select all on this page". */
  readonly selecting = input(false);
  /** Ids picked for a bulk action. */
  readonly selected = input<ReadonlySet<string>>(new Set());
  readonly selectedChange = output<{ task: Task; selected: boolean }>();
  /** "Select tasks" (true) pressed. */
  readonly selectingChange = output<boolean>();
  /** "Select all on this page" checked (true) or unchecked (false). */
  readonly selectAll = output<boolean>();
  protected readonly allSelected = computed(() => this.tasks().length > 0 && this.tasks().every((t) => this.selected().has(t.id)));
  protected readonly someSelected = computed(() => !this.allSelected() && this.tasks().some((t) => this.selected().has(t.id)));

  protected readonly pageSizes = PAGE_SIZES;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  /** The row that last had focus inside it, and where it stood. */
  private focusedRow: { id: string; index: number } | null = null;
  /** For screen readers, once the list has settled. */
  protected readonly summary = computed(() => {
    const total = this.total();
    if (this.loading() || this.error()) return '';
    const offset = (this.page() - 1) * this.size();
    const to = Math.min(total, offset + this.tasks().length);
    return total === 0 ? 'No tasks' : `Showing ${offset + 1}–${to} of ${total} tasks`;
  });

  constructor() {
    // A row that leaves the list with focus inside it (deleted, or no longer
    // matching its tab) would drop focus to the page body: hand it to the
    // checkbox of the row now in its place.
    afterRenderEffect(() => {
      const tasks = this.tasks();
      const row = this.focusedRow;
      if (!row || tasks.some((t) => t.id === row.id)) return;
      this.focusedRow = null;
      const active = this.host.nativeElement.ownerDocument.activeElement;
      if (active && active !== this.host.nativeElement.ownerDocument.body) return;
      const boxes = this.host.nativeElement.querySelectorAll<HTMLInputElement>('app-task-item input[type="checkbox"]');
      boxes[Math.min(row.index, boxes.length - 1)]?.focus();
    });
  }

  protected rememberFocus(task: Task, index: number): void {
    this.focusedRow = { id: task.id, index };
  }

  /** The task whose row holds the focus, if any (keyboard shortcuts act on it). */
  focusedTask(): Task | null {
    const active = this.host.nativeElement.ownerDocument.activeElement;
    const row = active?.closest<HTMLElement>('li[data-task-id]');
    if (!row || !this.host.nativeElement.contains(row)) return null;
    return this.tasks().find((t) => t.id === row.dataset['taskId']) ?? null;
  }

  /** Moves the focus to the next (1) or previous (-1) task's row; from outside the list, to the first. */
  moveFocus(step: 1 | -1): void {
    const rows = Array.from(this.host.nativeElement.querySelectorAll<HTMLElement>('li[data-task-id]'));
    if (rows.length === 0) return;
    const current = this.focusedTask();
    const index = current ? rows.findIndex((r) => r.dataset['taskId'] === current.id) : -1;
    const next = index === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, index + step));
    rows[next].focus();
    rows[next].scrollIntoView?.({ block: 'nearest' });
  }

  protected changePage(event: PageEvent): void {
    this.pageChange.emit({ page: event.pageIndex + 1, size: event.pageSize });
  }
}
