import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Task } from '@taskgate/api-contract';
import { Icon } from '../shared/icon';
import { TaskItem } from './task-item';
import { PAGE_SIZES } from './task-query';

/** A page of tasks with its loading, error and empty states and the pager. */
@Component({
  selector: 'app-task-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatPaginatorModule, MatProgressBarModule, TaskItem, Icon],
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
  /** Why the list could not be loaded; shown with a retry. */
  readonly error = input<string | null>(null);
  /** Some tasks are filtered out: the empty state says so. */
  readonly filtered = input(false);
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

  protected readonly pageSizes = PAGE_SIZES;
  /** For screen readers, once the list has settled. */
  protected readonly summary = computed(() => {
    const total = this.total();
    if (this.loading() || this.error()) return '';
    const offset = (this.page() - 1) * this.size();
    const to = Math.min(total, offset + this.tasks().length);
    return total === 0 ? 'No tasks' : `Showing ${offset + 1}–${to} of ${total} tasks`;
  });

  protected changePage(event: PageEvent): void {
    this.pageChange.emit({ page: event.pageIndex + 1, size: event.pageSize });
  }
}
