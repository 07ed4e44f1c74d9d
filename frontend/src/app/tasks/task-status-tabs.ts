import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import type { TaskStatusFilter } from '@taskgate/api-contract';
import { toQueryParams } from './task-query';

/**
 * The All / Pending / Completed tabs, as links (they change the URL's
 * `status`), and the tab panel they control (aria-controls and
 * aria-labelledby tie the two together), which shows the projected content:
 * the filters and the list.
 */
@Component({
  selector: 'app-task-status-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatTabsModule, NgTemplateOutlet],
  template: `
    @if (tabs()) {
      <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Task status">
        @for (s of statuses; track s.value) {
          <a
            mat-tab-link
            routerLink="."
            [queryParams]="linkTo(s.value)"
            queryParamsHandling="merge"
            [active]="status() === s.value"
            >{{ s.label }}</a
          >
        }
      </nav>
      <mat-tab-nav-panel #panel><ng-container [ngTemplateOutlet]="content" /></mat-tab-nav-panel>
    } @else {
      <ng-container [ngTemplateOutlet]="content" />
    }
    <!-- One projection, shown in the tab panel or, in a view that fixes the status, without one. -->
    <ng-template #content><ng-content /></ng-template>
  `,
  styles: ':host { display: block; }',
})
export class TaskStatusTabs {
  readonly status = input.required<TaskStatusFilter>();
  /** False in a view that fixes the status (Overdue, Completed…): no tabs to contradict it. */
  readonly tabs = input(true);

  protected readonly statuses: { value: TaskStatusFilter; label: string }[] = [
    { value: 'all', label: 'All' },
    { value: 'pending', label: 'Pending' },
    { value: 'completed', label: 'Completed' },
  ];

  /** A new status starts again from the first page; the other filters stay. */
  protected linkTo(status: TaskStatusFilter) {
    return toQueryParams({ status, page: 1 });
  }
}
