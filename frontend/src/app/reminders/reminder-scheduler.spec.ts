import { DueReminder, MAX_TIMEOUT_MS, ReminderScheduler, ShownReminders, reminderKey } from './reminder-scheduler';

class MemoryShown implements ShownReminders {
  readonly keys = new Set<string>();
  has(key: string) {
    return this.keys.has(key);
  }
  add(key: string) {
    this.keys.add(key);
  }
}

const NOW = Date.parse('2026-12-04T10:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('ReminderScheduler', () => {
  let shown: MemoryShown;
  let fired: DueReminder[][];
  let scheduler: ReminderScheduler;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    shown = new MemoryShown();
    fired = [];
    scheduler = new ReminderScheduler(shown, (due) => fired.push(due));
  });

  afterEach(() => {
    scheduler.stop();
    jest.useRealTimers();
  });

  it('fires a reminder at its time, not before, and once', () => {
    scheduler.update([{ id: 't1', title: 'Call the bank', remindAt: at(60_000) }]);
    jest.advanceTimersByTime(59_999);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual([[{ id: 't1', title: 'Call the bank', remindAt: at(60_000), missed: false }]]);
    scheduler.update([{ id: 't1', title: 'Call the bank', remindAt: at(60_000) }]);
    jest.advanceTimersByTime(120_000);
    expect(fired).toHaveLength(1);
  });

  it('shows reminders whose time passed while the portal was closed at once, together, as missed; never again', () => {
    const tasks = [
      { id: 't1', title: 'One', remindAt: at(-3_600_000) },
      { id: 't2', title: 'Two', remindAt: at(-1) },
    ];
    scheduler.update(tasks);
    expect(fired).toHaveLength(1);
    expect(fired[0].map((r) => [r.id, r.missed])).toEqual([
      ['t1', true],
      ['t2', true],
    ]);
    // The next visit (a new scheduler, the same browser storage) stays quiet.
    const next = new ReminderScheduler(shown, (due) => fired.push(due));
    next.update(tasks);
    expect(fired).toHaveLength(1);
  });

  it('does not fire a reminder more than 24.8 days away at once (setTimeout overflow), and fires it on time', () => {
    const far = 40 * 24 * 3_600_000;
    scheduler.update([{ id: 't1', title: 'Renew passport', remindAt: at(far) }]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(MAX_TIMEOUT_MS);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(far - MAX_TIMEOUT_MS - 2);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toHaveLength(1);
  });

  it('drops the timer of a reminder that was removed, and follows one that moved', () => {
    scheduler.update([{ id: 't1', title: 'Moved', remindAt: at(60_000) }, { id: 't2', title: 'Removed', remindAt: at(60_000) }]);
    expect(scheduler.scheduled).toBe(2);
    scheduler.update([{ id: 't1', title: 'Moved', remindAt: at(120_000) }]);
    expect(scheduler.scheduled).toBe(1);
    jest.advanceTimersByTime(60_000);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(fired.flat().map((r) => r.title)).toEqual(['Moved']);
  });

  it('leaves a reminder another tab already showed', () => {
    scheduler.update([{ id: 't1', title: 'Once', remindAt: at(1000) }]);
    shown.add(reminderKey({ id: 't1', remindAt: at(1000) }));
    jest.advanceTimersByTime(1000);
    expect(fired).toEqual([]);
  });
});
