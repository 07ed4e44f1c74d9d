import { Injectable, computed, inject, linkedSignal, signal } from '@angular/core';
import type { Task } from '@taskgate/api-contract';
import { TasksStore } from './tasks-store';

/** The tasks picked for a bulk action; forgotten whenever the list's query (filters, sort, page) changes. */
@Injectable()
export class TaskSelection {
  private readonly store = inject(TasksStore);
  private readonly picked = linkedSignal<unknown, ReadonlySet<string>>({
    source: () => this.store.query(),
    computation: () => new Set(),
  });

  /** The selected tasks still shown (one deleted or no longer matching drops out). */
  readonly tasks = computed(() => this.store.tasks().filter((t) => this.picked().has(t.id)));
  readonly ids = computed<ReadonlySet<string>>(() => new Set(this.tasks().map((t) => t.id)));
  readonly count = computed(() => this.tasks().length);
  readonly all = computed(() => this.store.tasks().length > 0 && this.count() === this.store.tasks().length);
  private readonly modeState = signal(false);
  /** Select mode: each row shows a box to pick it, and the bulk bar shows. Off, the list looks as before. */
  readonly mode = this.modeState.asReadonly();

  /** Turns select mode on or off; off forgets the selection. */
  setMode(on: boolean): void {
    this.modeState.set(on);
    if (!on) this.clear();
  }

  set(task: Task, selected: boolean): void {
    if (selected) this.modeState.set(true);
    this.picked.update((set) => {
      const next = new Set(set);
      if (selected) next.add(task.id);
      else next.delete(task.id);
      return next;
    });
  }

  toggle(task: Task): void {
    this.set(task, !this.picked().has(task.id));
  }

  /** Every task of the page, or none. */
  setAll(selected: boolean): void {
    if (selected) this.modeState.set(true);
    this.picked.set(new Set(selected ? this.store.tasks().map((t) => t.id) : []));
  }

  clear(): void {
    this.picked.set(new Set());
  }
}
