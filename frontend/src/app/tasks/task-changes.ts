import { Injectable, signal } from '@angular/core';

/**
 * A tick for every change made to tasks from the portal (a toggle, a save, a
 * delete, a bulk action): what shows counts (the navigation, the overview)
 * asks again when it moves.
 */
@Injectable({ providedIn: 'root' })
export class TaskChanges {
  private readonly count = signal(0);
  readonly version = this.count.asReadonly();

  notify(): void {
    this.count.update((n) => n + 1);
  }
}
