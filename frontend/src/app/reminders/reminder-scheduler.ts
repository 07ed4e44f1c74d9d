/** setTimeout's longest delay (2^31 − 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A task with a reminder, as the scheduler needs it. */
export interface ReminderTask {
  id: string;
  title: string;
  /** ISO 8601 in UTC. */
  remindAt: string;
}

export interface DueReminder extends ReminderTask {
  /** True when its time had passed before this page could show it (the portal was closed). */
  missed: boolean;
}

/** Remembers which reminders were shown: task id + remindAt only, never a token or task text. */
export interface ShownReminders {
  has(key: string): boolean;
  add(key: string): void;
}

export function reminderKey(task: Pick<ReminderTask, 'id' | 'remindAt'>): string {
  return `${task.id}@${task.remindAt}`;
}

/**
 * Runs `fire` at `at` (ms since the epoch). A delay past setTimeout's limit
 * waits the limit and measures again, so a reminder a year away neither fires
 * at once nor drifts. Returns a cancel function.
 */
export function runAt(at: number, fire: () => void, now: () => number = Date.now): () => void {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const wait = () => {
    const delay = at - now();
    if (delay <= 0) {
      handle = undefined;
      fire();
      return;
    }
    handle = setTimeout(wait, Math.min(delay, MAX_TIMEOUT_MS));
  };
  wait();
  return () => {
    if (handle !== undefined) clearTimeout(handle);
  };
}

/**
 * Keeps one timer per pending reminder of the tasks it was last given. A
 * reminder whose time has passed and that this browser never showed is due
 * at once as missed; each reminder (task id + remindAt) is due once.
 */
export class ReminderScheduler {
  private readonly timers = new Map<string, () => void>();

  constructor(
    private readonly shown: ShownReminders,
    private readonly due: (reminders: DueReminder[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Replaces what is scheduled by the reminders of `tasks`. */
  update(tasks: readonly ReminderTask[]): void {
    const wanted = new Map(tasks.map((t) => [reminderKey(t), t]));
    for (const [key, cancel] of this.timers) {
      if (!wanted.has(key)) {
        cancel();
        this.timers.delete(key);
      }
    }
    const missed: DueReminder[] = [];
    for (const [key, task] of wanted) {
      if (this.timers.has(key) || this.shown.has(key)) continue;
      const at = Date.parse(task.remindAt);
      if (Number.isNaN(at)) continue;
      if (at <= this.now()) {
        missed.push({ ...task, missed: true });
        continue;
      }
      this.timers.set(
        key,
        runAt(
          at,
          () => {
            this.timers.delete(key);
            this.fire([{ ...task, missed: false }]);
          },
          this.now,
        ),
      );
    }
    if (missed.length > 0) this.fire(missed);
  }

  /** How many reminders wait for their time. */
  get scheduled(): number {
    return this.timers.size;
  }

  stop(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private fire(reminders: DueReminder[]): void {
    // Another tab may have shown it meanwhile.
    const fresh = reminders.filter((r) => !this.shown.has(reminderKey(r)));
    for (const r of fresh) this.shown.add(reminderKey(r));
    if (fresh.length > 0) this.due(fresh);
  }
}
