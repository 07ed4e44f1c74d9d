import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { BehaviorSubject } from 'rxjs';
import { today } from './task-validators';

/**
 * The person's own date (`YYYY-MM-DD`, local time zone), which moves at their
 * midnight: a tab left open overnight shows the new day's Today, Overdue and
 * counts, not yesterday's. Checked at the next local midnight and whenever
 * the tab comes back into view (a sleeping laptop's timers run late).
 */
@Injectable({ providedIn: 'root' })
export class PersonDay {
  private readonly document = inject(DOCUMENT);
  private readonly state = signal(today());
  private readonly subject = new BehaviorSubject(this.state());
  private timer: ReturnType<typeof setTimeout> | undefined;

  readonly value = this.state.asReadonly();
  /** The same date as an observable that answers at once (for route-driven pipelines). */
  readonly day$ = this.subject.asObservable();

  constructor() {
    const onVisible = () => {
      if (this.document.visibilityState === 'visible') this.check();
    };
    this.document.addEventListener('visibilitychange', onVisible);
    this.schedule();
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(this.timer);
    });
  }

  /** Moves to the new day if midnight has passed. */
  check(): void {
    const day = today();
    if (day !== this.state()) {
      this.state.set(day);
      this.subject.next(day);
    }
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    // A second past midnight, so the check surely lands on the new day.
    this.timer = setTimeout(() => this.check(), midnight.getTime() - now.getTime() + 1000);
  }
}
