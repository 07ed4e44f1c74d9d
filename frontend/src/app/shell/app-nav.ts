import { ChangeDetectionStrategy, Component, effect, inject, output, untracked } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { AuthSession } from '../auth/auth-session';
import { Icon, IconName } from '../shared/icon';
import { PersonDay } from '../tasks/person-day';
import { TaskChanges } from '../tasks/task-changes';
import { CountedView, ViewCounts } from './view-counts';

interface NavView {
  view: CountedView;
  label: string;
  link: string;
  icon: IconName;
}

/**
 * The side navigation: the task views with their counts, one view per label,
 * then the overview and the account. Counts are asked for when a person signs
 * in and after every change made in the portal.
 */
@Component({
  selector: 'app-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, Icon],
  templateUrl: './app-nav.html',
  styleUrl: './app-nav.css',
})
export class AppNav {
  protected readonly counts = inject(ViewCounts);
  private readonly session = inject(AuthSession);
  private readonly changes = inject(TaskChanges);
  private readonly personDay = inject(PersonDay);
  /** A link was followed (the phone's drawer closes). */
  readonly navigated = output<void>();

  protected readonly views: NavView[] = [
    { view: 'inbox', label: 'Inbox', link: '/tasks', icon: 'inbox' },
    { view: 'today', label: 'Today', link: '/tasks/today', icon: 'today' },
    { view: 'upcoming', label: 'Upcoming', link: '/tasks/upcoming', icon: 'upcoming' },
    { view: 'overdue', label: 'Overdue', link: '/tasks/overdue', icon: 'warning' },
    { view: 'completed', label: 'Completed', link: '/tasks/completed', icon: 'done' },
  ];

  constructor() {
    effect(() => {
      const user = this.session.user();
      this.changes.version();
      // A new day moves Today, Upcoming and Overdue.
      this.personDay.value();
      untracked(() => (user ? this.counts.refresh() : this.counts.clear()));
    });
  }
}
