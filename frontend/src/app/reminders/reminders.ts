import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, Injector, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Task } from '@taskgate/api-contract';
import { firstValueFrom } from 'rxjs';
import { AuthSession } from '../auth/auth-session';
import { TaskApi } from '../tasks/task-api';
import { DueReminder, ReminderScheduler, ReminderTask } from './reminder-scheduler';
import { LocalShownReminders } from './shown-reminders';

/**
 * The API has no filter on remindAt (a gap in API.md v1.1), so the pending
 * tasks are walked by cursor, 100 a page, at most this many pages: reminders
 * on pending tasks past the first 1,000 (newest first) are not seen.
 */
export const REMINDER_PAGES_MAX = 10;
const PAGE_SIZE = 100;
/** Picks up reminders set on other devices. */
const REFRESH_EVERY_MS = 10 * 60 * 1000;
/** Changes come in bursts (a bulk action, several toggles): one walk after them. */
const REFRESH_DEBOUNCE_MS = 1000;

export type NotificationState = 'unsupported' | NotificationPermission;

function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Reminders while the portal is open: a browser notification when the person
 * allowed them, else an in-app snackbar; one missed while the portal was
 * closed shows once on the next visit.
 */
@Injectable({ providedIn: 'root' })
export class Reminders {
  private readonly api = inject(TaskApi);
  private readonly session = inject(AuthSession);
  private readonly snackBar = inject(MatSnackBar);
  private readonly scheduler = new ReminderScheduler(new LocalShownReminders(), (due) => void this.show(due));
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private everyTimer: ReturnType<typeof setInterval> | undefined;
  /** Bumped on each walk and on sign-out: a slower, older walk's answer is dropped. */
  private generation = 0;
  private readonly permission = signal<NotificationState>(notificationState());
  /** Whether notifications can be, or were, allowed; 'default' means not asked yet. */
  readonly notifications = this.permission.asReadonly();
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private started = false;

  /** Once, at start-up (app.config.ts): from then on, reminders follow whoever is signed in. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const userId = computed(() => this.session.user()?.id ?? null);
    effect(
      () => {
        const user = userId();
        untracked(() => (user ? this.follow() : this.stop()));
      },
      { injector: this.injector },
    );
    const onVisible = () => {
      if (document.visibilityState === 'visible' && this.session.user()) this.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    this.destroyRef.onDestroy(() => {
      document.removeEventListener('visibilitychange', onVisible);
      this.stop();
    });
  }

  /** Asks the browser for permission; call only from a user gesture (a click). */
  async enableNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.permission.set(await Notification.requestPermission());
  }

  /** Walks the pending tasks again soon (after a change made in this tab). */
  refresh(): void {
    if (!this.started || !this.session.user()) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.walk(), REFRESH_DEBOUNCE_MS);
  }

  private follow(): void {
    void this.walk();
    clearInterval(this.everyTimer);
    this.everyTimer = setInterval(() => void this.walk(), REFRESH_EVERY_MS);
  }

  private stop(): void {
    this.generation++;
    clearTimeout(this.refreshTimer);
    clearInterval(this.everyTimer);
    this.scheduler.stop();
  }

  private async walk(): Promise<void> {
    const generation = ++this.generation;
    const found: ReminderTask[] = [];
    let cursor: string | undefined;
    try {
      for (let page = 0; page < REMINDER_PAGES_MAX; page++) {
        const answer = await firstValueFrom(this.api.list({ status: 'pending', limit: PAGE_SIZE, cursor }));
        for (const task of answer.tasks) if (task.remindAt) found.push(reminderOf(task));
        cursor = answer.next;
        if (!cursor) break;
      }
    } catch {
      // Offline or refused: keep what is scheduled; the next walk tries again.
      return;
    }
    if (generation === this.generation && this.session.user()) this.scheduler.update(found);
  }

  private async show(due: DueReminder[]): Promise<void> {
    // Right on time, check the task still wants it (completed, deleted or moved elsewhere since the last walk).
    const still: DueReminder[] = [];
    for (const reminder of due) {
      if (reminder.missed) {
        still.push(reminder);
        continue;
      }
      try {
        const { task } = await firstValueFrom(this.api.get(reminder.id));
        if (!task.completed && task.remindAt && Date.parse(task.remindAt) === Date.parse(reminder.remindAt)) {
          still.push({ ...reminder, title: task.title });
        }
      } catch (error) {
        // Gone (404) means no reminder; a network failure still reminds.
        if (!(error instanceof HttpErrorResponse && error.status === 404)) still.push(reminder);
      }
    }
    if (still.length === 0) return;
    this.permission.set(notificationState());
    if (this.permission() === 'granted') {
      for (const reminder of still) {
        new Notification(reminder.missed ? 'Missed reminder' : 'Reminder', { body: reminder.title, tag: reminder.id });
      }
      return;
    }
    const missed = still.filter((r) => r.missed);
    const now = still.filter((r) => !r.missed);
    const parts: string[] = [];
    if (now.length > 0) parts.push(`Reminder: ${quoteAll(now)}`);
    if (missed.length > 0) parts.push(`${missed.length === 1 ? 'Missed reminder' : `${missed.length} missed reminders`}: ${quoteAll(missed)}`);
    this.snackBar.open(parts.join(' · '), 'Dismiss', { politeness: 'assertive' });
  }
}

function reminderOf(task: Task): ReminderTask {
  return { id: task.id, title: task.title, remindAt: task.remindAt as string };
}

function quoteAll(reminders: DueReminder[]): string {
  const titles = reminders.slice(0, 3).map((r) => `“${r.title}”`);
  if (reminders.length > 3) titles.push(`and ${reminders.length - 3} more`);
  return titles.join(', ');
}
