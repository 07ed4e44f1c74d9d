import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { SortOrder, TaskPriority, TaskSortField } from '@taskgate/api-contract';
import { Icon } from '../shared/icon';

/** Search, priority filter, sort field and order of the task list. */
@Component({
  selector: 'app-task-list-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, Icon],
  templateUrl: './task-list-filters.html',
  styleUrl: './task-list-filters.css',
})
export class TaskListFilters {
  readonly search = input.required<string>();
  readonly priority = input.required<TaskPriority | ''>();
  readonly sort = input.required<TaskSortField>();
  readonly order = input.required<SortOrder>();
  /** Every keystroke; debouncing is the listener's business. */
  readonly searchChange = output<string>();
  readonly priorityChange = output<TaskPriority | ''>();
  readonly sortChange = output<TaskSortField>();
  readonly orderChange = output<SortOrder>();

  protected readonly sortFields: { value: TaskSortField; label: string }[] = [
    { value: 'created', label: 'Created' },
    { value: 'updated', label: 'Updated' },
    { value: 'title', label: 'Title' },
    { value: 'dueDate', label: 'Due date' },
    { value: 'priority', label: 'Priority' },
  ];

  protected flipOrder(): void {
    this.orderChange.emit(this.order() === 'asc' ? 'desc' : 'asc');
  }
}
