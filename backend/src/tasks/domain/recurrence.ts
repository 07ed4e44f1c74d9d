import { Recurrence } from '@taskgate/api-contract';

const DAY_MS = 86_400_000;
/** The last due date a task may have (API.md dates are YYYY-MM-DD, years 0001–9999). */
const LAST_DATE = '9999-12-31';

function parse(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

function format(utc: Date): string {
  return utc.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(Date.UTC(2000, month, 0));
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/**
 * The due date `interval` × `every` after `dueDate` (both `YYYY-MM-DD`). A
 * month or year step keeps the day of the month, or lands on the month's last
 * day when that day does not exist (Jan 31 + 1 month = Feb 28 or 29; Feb 29 +
 * 1 year = Feb 28). Null when the step passes 9999-12-31: the series ends.
 */
export function nextDueDate(dueDate: string, recurrence: Recurrence): string | null {
  const { year, month, day } = parse(dueDate);
  let next: Date;
  if (recurrence.every === 'day' || recurrence.every === 'week') {
    const days = recurrence.interval * (recurrence.every === 'week' ? 7 : 1);
    next = new Date(Date.UTC(2000, month - 1, day));
    next.setUTCFullYear(year, month - 1, day + days);
  } else {
    const months = recurrence.interval * (recurrence.every === 'year' ? 12 : 1);
    const index = year * 12 + (month - 1) + months;
    const [nextYear, nextMonth] = [Math.floor(index / 12), (index % 12) + 1];
    next = new Date(Date.UTC(2000, 0, 1));
    next.setUTCFullYear(nextYear, nextMonth - 1, Math.min(day, daysInMonth(nextYear, nextMonth)));
  }
  const text = format(next);
  return next.getUTCFullYear() > 9999 || text > LAST_DATE ? null : text;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  const at = (date: string) => {
    const { year, month, day } = parse(date);
    const utc = new Date(Date.UTC(2000, month - 1, day));
    utc.setUTCFullYear(year);
    return utc.getTime();
  };
  return Math.round((at(to) - at(from)) / DAY_MS);
}

/**
 * The next occurrence's reminder: the old one moved by as many days as the
 * due date moved, so it keeps its time of day (UTC) and its offset from the
 * due date. Null stays null.
 */
export function nextRemindAt(remindAt: string | null, dueDate: string, nextDue: string): string | null {
  if (remindAt === null) return null;
  return new Date(Date.parse(remindAt) + daysBetween(dueDate, nextDue) * DAY_MS).toISOString();
}
