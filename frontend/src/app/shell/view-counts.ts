import { Injectable, inject, signal } from '@angular/core';
import type { LabelCount } from '@taskgate/api-contract';
import { Observable, Subject, catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { LabelApi } from '../labels/label-api';
import { TaskApi } from '../tasks/task-api';
import { today } from '../tasks/task-validators';
import { TaskViewName, viewQuery } from '../tasks/task-views';

/** The views the navigation counts by their own query (labels come with their counts). */
export const COUNTED_VIEWS = ['inbox', 'today', 'upcoming', 'overdue', 'completed'] as const satisfies readonly TaskViewName[];
export type CountedView = (typeof COUNTED_VIEWS)[number];

/**
 * The navigation's numbers: for each date view the `X-Total-Count` of its own
 * query with `limit=1` (exactly what the view lists, Upcoming included, which
 * the summary does not count), and the labels with their task counts. Asked
 * again by `refresh()`, after every change made in the portal; a newer
 * refresh drops the answer of an older one.
 */
@Injectable({ providedIn: 'root' })
export class ViewCounts {
  private readonly tasks = inject(TaskApi);
  private readonly labelApi = inject(LabelApi);
  private readonly refresh$ = new Subject<void>();
  private readonly countsState = signal<Partial<Record<CountedView, number>>>({});
  private readonly labelsState = signal<LabelCount[]>([]);

  /** A view's number, absent until known (or when its count failed: no number beats a wrong one). */
  readonly counts = this.countsState.asReadonly();
  readonly labels = this.labelsState.asReadonly();

  constructor() {
    this.refresh$
      .pipe(
        switchMap(() => {
          const day = today();
          const counts = COUNTED_VIEWS.map((name) =>
            this.tasks.list({ ...viewQuery({ name }, day), limit: 1 }).pipe(
              map((page): [CountedView, number | undefined] => [name, page.total]),
              catchError(() => of<[CountedView, number | undefined]>([name, undefined])),
            ),
          );
          const labels: Observable<LabelCount[] | null> = this.labelApi.list().pipe(catchError(() => of(null)));
          return forkJoin([forkJoin(counts), labels]);
        }),
      )
      .subscribe(([counts, labels]) => {
        this.countsState.set(Object.fromEntries(counts.filter(([, n]) => n !== undefined)));
        // A failed label list keeps the labels shown before.
        if (labels) this.labelsState.set(labels);
      });
  }

  refresh(): void {
    this.refresh$.next();
  }

  /** After sign-out: nothing of the last person stays on screen. */
  clear(): void {
    this.countsState.set({});
    this.labelsState.set([]);
  }
}
