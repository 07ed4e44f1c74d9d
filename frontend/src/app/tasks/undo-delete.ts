import { DestroyRef, Injectable, inject } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { MatSnackBar, MatSnackBarRef, TextOnlySnackBar } from '@angular/material/snack-bar';
import type { Task } from '@taskgate/api-contract';
import { Observable } from 'rxjs';
import { problemMessage } from '../shared/problem-message';
import { TaskApi } from './task-api';
import { TasksStore } from './tasks-store';

/** How long "Undo" is offered. */
export const UNDO_MS = 5000;

interface PendingDelete {
  tasks: readonly Task[];
  snackBar: MatSnackBarRef<TextOnlySnackBar>;
  sent: boolean;
}

/**
 * Delete with "Undo": the tasks leave the list at once, and the DELETE is
 * sent only when the snackbar closes without "Undo" (its time runs out,
 * another message replaces it, the page is left). Undo sends nothing. If the
 * tab closes meanwhile, the delete goes out as a keepalive request. Why not
 * delete at once and re-create on undo: docs/architecture.md ("Portal").
 */
@Injectable()
export class UndoDelete {
  private readonly api = inject(TaskApi);
  private readonly store = inject(TasksStore);
  private readonly snackBarService = inject(MatSnackBar);
  private readonly pending = new Set<PendingDelete>();
  private readonly onPageHide = () => {
    for (const entry of [...this.pending]) this.send(entry, true);
  };

  constructor() {
    window.addEventListener('pagehide', this.onPageHide);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('pagehide', this.onPageHide);
      // Leaving the page ends the offer: the deletes go out now.
      for (const entry of [...this.pending]) entry.snackBar.dismiss();
    });
  }

  delete(tasks: readonly Task[]): void {
    if (tasks.length === 0) return;
    const ids = tasks.map((t) => t.id);
    this.store.hide(ids);
    const message = tasks.length === 1 ? 'Task deleted' : `${tasks.length} tasks deleted`;
    const snackBar = this.snackBarService.open(message, 'Undo', { duration: UNDO_MS });
    const entry: PendingDelete = { tasks, snackBar, sent: false };
    this.pending.add(entry);
    snackBar.afterDismissed().subscribe(({ dismissedByAction }) => {
      if (dismissedByAction && !entry.sent) {
        this.pending.delete(entry);
        this.store.unhide(ids);
      } else {
        this.send(entry);
      }
    });
  }

  /** Takes back the latest delete still on offer (the "u" shortcut); false when there is none. */
  undoLatest(): boolean {
    const latest = [...this.pending].pop();
    if (!latest) return false;
    latest.snackBar.dismissWithAction();
    return true;
  }

  private send(entry: PendingDelete, keepalive = false): void {
    if (entry.sent) return;
    entry.sent = true;
    this.pending.delete(entry);
    const ids = entry.tasks.map((t) => t.id);
    const request: Observable<unknown> =
      ids.length === 1
        ? this.api.remove(ids[0], { keepalive })
        : this.api.bulk({ action: 'delete', ids }, { keepalive });
    request.subscribe({
      next: () => this.store.removed(ids),
      error: (error: unknown) => {
        this.store.unhide(ids);
        // Already deleted elsewhere: the reload shows it gone.
        if (error instanceof HttpErrorResponse && error.status === 404) {
          this.store.refreshAfterChange();
          return;
        }
        const what = ids.length === 1 ? `“${entry.tasks[0].title}”` : `${ids.length} tasks`;
        this.snackBarService.open(`Could not delete ${what}. ${problemMessage(error)}`, 'Dismiss', { duration: 8000 });
      },
    });
  }
}
