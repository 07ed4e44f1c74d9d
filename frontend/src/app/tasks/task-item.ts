import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { Recurrence, Task } from '@taskgate/api-contract';
import { Icon } from '../shared/icon';
import { dueDateLabel } from './due-date';

const PRIORITY_LABEL = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/** One task row: complete toggle, details, edit and delete. */
@Component({
  selector: 'app-task-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCheckboxModule, MatButtonModule, Icon],
  templateUrl: './task-item.html',
  styleUrl: './task-item.css',
  host: {
    '[class.completed]': 'task().completed',
    '[class.overdue]': 'overdue()',
    '[class.due-today]': 'dueToday()',
  },
})
export class TaskItem {
  readonly task = input.required<Task>();
  /** `YYYY-MM-DD` in the user's time zone. */
  readonly today = input.required<string>();
  readonly pending = input(false);
  readonly toggleCompleted = output<void>();
  readonly edit = output<void>();
  readonly remove = output<void>();

  protected readonly overdue = computed(() => {
    const { dueDate, completed } = this.task();
    return !completed && !!dueDate && dueDate < this.today();
  });
  /** Pending and due today: highlighted, with the words "Due Today" as its mark. */
  protected readonly dueToday = computed(() => !this.task().completed && this.task().dueDate === this.today());
  protected readonly priorityLabel = computed(() => PRIORITY_LABEL[this.task().priority]);
  /** The whole description shown, not only its first two lines. */
  protected readonly expanded = signal(false);
  /** The description is longer than the two lines shown. */
  protected readonly overflowing = signal(false);
  private readonly description = viewChild<ElementRef<HTMLElement>>('description');
  protected readonly dueLabel = computed(() => {
    const due = this.task().dueDate;
    return due ? dueDateLabel(due, this.today()) : '';
  });

  constructor() {
    // Whether two lines hold the description depends on the width: measured
    // whenever the clamped text changes size, and again for a new description.
    effect((onCleanup) => {
      const element = this.description()?.nativeElement;
      const text = this.task().description;
      if (!element || !text || typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => {
        if (!untracked(this.expanded)) this.overflowing.set(element.scrollHeight > element.clientHeight + 1);
      });
      observer.observe(element);
      onCleanup(() => observer.disconnect());
    });
  }

  /** "Repeats every week", "Repeats every 3 months". */
  protected repeatsLabel({ every, interval }: Recurrence): string {
    return interval === 1 ? `Repeats every ${every}` : `Repeats every ${interval} ${every}s`;
  }

  /** The reminder in the person's own time zone and locale. */
  protected reminderLabel(remindAt: string): string {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(remindAt));
  }
}
