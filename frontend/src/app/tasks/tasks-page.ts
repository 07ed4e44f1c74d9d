import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import type { BulkAction, Task } from '@taskgate/api-contract';
import { firstValueFrom } from 'rxjs';
import { LabelApi } from '../labels/label-api';
import { Icon } from '../shared/icon';
import { ShortcutAction } from '../shortcuts/shortcut-keys';
import { ShortcutsHelpDialog } from '../shortcuts/shortcuts-help-dialog';
import { TaskShortcuts } from '../shortcuts/task-shortcuts';
import { BulkBar } from './bulk-bar';
import { BulkLabelDialog, BulkLabelData } from './bulk-label-dialog';
import { TaskBulk } from './task-bulk';
import { TaskSelection } from './task-selection';
import { UndoDelete } from './undo-delete';
import { TaskFormDialog, TaskFormData } from './task-form-dialog';
import { TaskList } from './task-list';
import { TaskListFilters } from './task-list-filters';
import { TaskStatusTabs } from './task-status-tabs';
import { TasksStore } from './tasks-store';
import { viewHint, viewTitle } from './task-views';

/** The signed-in user's tasks: the store holds the list, this page opens the dialogs. */
@Component({
  selector: 'app-tasks-page',
  host: { class: 'page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TaskStatusTabs, TaskListFilters, TaskList, Icon, BulkBar, TaskShortcuts],
  providers: [TasksStore, TaskSelection, UndoDelete, TaskBulk],
  templateUrl: './tasks-page.html',
  styleUrl: './tasks-page.css',
})
export class TasksPage {
  protected readonly selection = inject(TaskSelection);
  protected readonly undoDelete = inject(UndoDelete);
  private readonly bulk = inject(TaskBulk);
  private readonly labelApi = inject(LabelApi);
  private readonly list = viewChild(TaskList);
  protected readonly bulkBusy = signal(false);
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

  protected runBulk(action: 'complete' | 'reopen'): Promise<void> {
    return this.applyBulk(action, this.selection.tasks());
  }

  /** Asks which label (the user's labels to add, the selected tasks' to remove), then applies it to the selection. */
  protected async bulkLabel(mode: 'add' | 'remove'): Promise<void> {
    const tasks = this.selection.tasks();
    const options =
      mode === 'add'
        ? await firstValueFrom(this.labelApi.list()).then((labels) => labels.map((l) => l.name), () => [])
        : [...new Set(tasks.flatMap((t) => t.labels))].sort((a, b) => a.localeCompare(b));
    const data: BulkLabelData = { mode, count: tasks.length, options };
    const label = await firstValueFrom(
      this.dialog.open(BulkLabelDialog, { data, width: '400px', maxWidth: '95vw' }).afterClosed(),
    );
    if (label) await this.applyBulk(mode === 'add' ? 'addLabel' : 'removeLabel', tasks, label);
  }

  /** One bulk request; the selection is forgotten once it succeeded. */
  private async applyBulk(action: Exclude<BulkAction, 'delete'>, tasks: readonly Task[], label?: string): Promise<void> {
    this.bulkBusy.set(true);
    if (await this.bulk.run(action, tasks, label)) this.selection.clear();
    this.bulkBusy.set(false);
  }

  protected deleteSelected(): void {
    this.undoDelete.delete(this.selection.tasks());
    this.selection.clear();
  }

  protected onShortcut(action: ShortcutAction): void {
    const focused = this.list()?.focusedTask() ?? null;
    switch (action) {
      case 'new':
        return this.openCreate();
      case 'search':
        return document.querySelector<HTMLInputElement>('app-tasks-page input[type="search"]')?.focus();
      case 'next':
      case 'previous':
        return this.list()?.moveFocus(action === 'next' ? 1 : -1);
      case 'toggle':
        if (focused) this.store.toggleCompleted(focused);
        return;
      case 'delete':
        if (focused) this.undoDelete.delete([focused]);
        return;
      case 'select':
        if (focused) this.selection.toggle(focused);
        return;
      case 'undo':
        this.undoDelete.undoLatest();
        return;
      case 'help':
        this.dialog.open(ShortcutsHelpDialog, { width: '480px', maxWidth: '95vw' });
        return;
    }
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
