import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { Task } from '@taskgate/api-contract';
import { Icon } from '../shared/icon';

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
  protected readonly priorityLabel = computed(() => PRIORITY_LABEL[this.task().priority]);
}
