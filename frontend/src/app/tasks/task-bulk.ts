import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { BulkAction, BulkTaskResult, Task } from '@taskgate/api-contract';
import { problemMessage } from '../shared/problem-message';
import { TaskApi } from './task-api';
import { TasksStore } from './tasks-store';

const tasksWord = (n: number) => (n === 1 ? '1 task' : `${n} tasks`);

/** What a bulk action did, in words; ids the API no longer knew are explained, never hidden. */
export function bulkMessage(action: Exclude<BulkAction, 'delete'>, result: BulkTaskResult, label?: string): string {
  const done = tasksWord(result.changed.length);
  const words = {
    complete: `Completed ${done}.`,
    reopen: `Reopened ${done}.`,
    addLabel: `Added “${label}” to ${done}.`,
    removeLabel: `Removed “${label}” from ${done}.`,
  }[action];
  const gone = result.notFound.length;
  if (gone === 0) return words;
  return `${words} ${gone === 1 ? '1 task was' : `${gone} tasks were`} already gone.`;
}

/** Complete, reopen and label many tasks in one request (POST …/tasks/bulk); deletes go through UndoDelete. */
@Injectable()
export class TaskBulk {
  private readonly api = inject(TaskApi);
  private readonly store = inject(TasksStore);
  private readonly snackBar = inject(MatSnackBar);

  run(action: Exclude<BulkAction, 'delete'>, tasks: readonly Task[], label?: string): Promise<boolean> {
    const ids = tasks.map((t) => t.id);
    const body = action === 'addLabel' || action === 'removeLabel' ? { action, ids, label } : { action, ids };
    return new Promise((resolve) =>
      this.api.bulk(body).subscribe({
        next: (result) => {
          this.snackBar.open(bulkMessage(action, result, label), 'Dismiss', { duration: 6000 });
          this.store.refreshAfterChange();
          resolve(true);
        },
        error: (error: unknown) => {
          this.snackBar.open(`Nothing was changed. ${problemMessage(error)}`, 'Dismiss', { duration: 8000 });
          resolve(false);
        },
      }),
    );
  }
}
