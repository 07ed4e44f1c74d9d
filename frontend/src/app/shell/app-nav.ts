import { ChangeDetectionStrategy, Component, computed, effect, inject, output, untracked } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { AuthSession } from '../auth/auth-session';
import { Icon, IconName } from '../shared/icon';
import { PersonDay } from '../tasks/person-day';
import { TaskChanges } from '../tasks/task-changes';
import { viewLink, viewTitle } from '../tasks/task-views';
import { COUNTED_VIEWS, CountedView, ViewCounts } from './view-counts';

interface NavView {
  view: CountedView;
  label: string;
  link: string[];
  icon: IconName;
}

const ICONS: Record<CountedView, IconName> = { inbox: 'inbox', today: 'today', upcoming: 'upcoming', overdue: 'warning', completed: 'done' };

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

  /** Names and links as the views themselves say them (task-views.ts). */
  protected readonly views: NavView[] = COUNTED_VIEWS.map((name) => ({
    view: name,
    label: viewTitle({ name }),
    link: viewLink({ name }),
    icon: ICONS[name],
  }));
  /** One view per label, with its count. */
  protected readonly labelViews = computed(() =>
    this.counts.labels().map((l) => ({ ...l, link: viewLink({ name: 'label', label: l.name }) })),
  );
  /** A view's link is active on its own path only (Inbox's /tasks is not active on /tasks/today), whatever its query. */
  protected readonly exactPath = { paths: 'exact', queryParams: 'ignored', matrixParams: 'ignored', fragment: 'ignored' } as const;

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
