import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import type { Task } from '@taskgate/api-contract';
import { Icon } from '../shared/icon';
import { ConfirmDeleteDialog } from './confirm-delete-dialog';
import { TaskFormDialog, TaskFormData } from './task-form-dialog';
import { TaskList } from './task-list';
import { TaskListFilters } from './task-list-filters';
import { TaskStatusTabs } from './task-status-tabs';
import { TasksStore } from './tasks-store';
import { viewHint, viewTitle } from './task-views';

/** The signed-in user's tasks: the store holds the list, this page opens the dialogs. */
@Component({
  selector: 'app-tasks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TaskStatusTabs, TaskListFilters, TaskList, Icon],
  providers: [TasksStore],
  templateUrl: './tasks-page.html',
  styleUrl: './tasks-page.css',
})
export class TasksPage {
  protected readonly store = inject(TasksStore);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly title = computed(() => viewTitle(this.store.view()));
  protected readonly hint = computed(() => viewHint(this.store.view(), this.store.today()));

  protected openCreate(): void {
    this.openForm({});
  }

  protected openEdit(task: Task): void {
    this.openForm({ task });
  }

  protected confirmDelete(task: Task): void {
    this.dialog
      .open(ConfirmDeleteDialog, { data: { title: task.title }, width: '400px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((confirmed) => {
        if (confirmed) this.store.remove(task);
      });
  }

  private openForm(data: TaskFormData): void {
    this.dialog
      .open(TaskFormDialog, { data, width: '560px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((saved: Task | undefined) => {
        if (!saved) return;
        if (data.task) this.store.showUpdated(saved);
        else this.store.showCreated(saved);
      });
  }
}
