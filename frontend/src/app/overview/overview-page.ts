import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { TaskSummary } from '@taskgate/api-contract';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { Icon } from '../shared/icon';
import { problemMessage } from '../shared/problem-message';
import { TaskApi } from '../tasks/task-api';
import { today } from '../tasks/task-validators';
import { CompletedChart } from './completed-chart';

type Loaded = { ok: true; summary: TaskSummary } | { ok: false; error: string };

/** The person's tasks in numbers (the summary, for their own today) and what they completed in two weeks. */
@Component({
  selector: 'app-overview-page',
  host: { class: 'page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, Icon, CompletedChart],
  templateUrl: './overview-page.html',
  styleUrl: './overview-page.css',
})
export class OverviewPage {
  private readonly api = inject(TaskApi);
  private readonly retry$ = new Subject<void>();
  private readonly loaded = signal<Loaded | null>(null);
  protected readonly loading = signal(true);

  protected readonly summary = computed(() => {
    const loaded = this.loaded();
    return loaded?.ok ? loaded.summary : null;
  });
  protected readonly error = computed(() => {
    const loaded = this.loaded();
    return loaded && !loaded.ok ? loaded.error : null;
  });
  protected readonly completedInTwoWeeks = computed(
    () => this.summary()?.completedPerDay.reduce((sum, d) => sum + d.count, 0) ?? 0,
  );

  constructor() {
    this.retry$
      .pipe(
        startWith(undefined),
        switchMap(() => {
          this.loading.set(true);
          return this.api.summary(today()).pipe(
            map((summary): Loaded => ({ ok: true, summary })),
            catchError((error: unknown) =>
              of<Loaded>({ ok: false, error: problemMessage(error, 'The overview could not be loaded.') }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((loaded) => {
        this.loading.set(false);
        this.loaded.set(loaded);
      });
  }

  protected retry(): void {
    this.retry$.next();
  }
}
